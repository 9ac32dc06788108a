// Any path no other route matches. A 404 thrown here, rather than by the router finding nothing, runs the
// root loader first, so the error page keeps the header and the caller's navigation.
export async function loader(): Promise<never> {
  throw new Response(null, { status: 404 });
}

export async function action(): Promise<never> {
  throw new Response(null, { status: 404 });
}

// Never rendered (the loader always throws); the root ErrorBoundary shows the 404 page.
export default function NotFound() {
  return null;
}
