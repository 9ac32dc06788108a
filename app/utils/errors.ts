/** A rule of the domain was broken by the request; the message is shown to the user (Vietnamese). */
export class DomainError extends Error {
  constructor(
    message: string,
    public status = 400,
    public field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
