// Small helpers for throwing HTTP responses from loaders and actions.
import { data } from "@remix-run/node";

export function forbidden(message = "Bạn không có quyền thực hiện thao tác này."): never {
  throw data({ message }, { status: 403 });
}

export function notFound(message = "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu."): never {
  throw data({ message }, { status: 404 });
}

export function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}

export function invariantResponse(
  condition: unknown,
  message: string,
  init: { status: number } = { status: 404 },
): asserts condition {
  if (!condition) throw data({ message }, init);
}

export function clientIp(request: Request): string {
  // Behind a reverse proxy the first X-Forwarded-For hop is the client; express also sets it for us.
  const xff = request.headers.get("x-forwarded-for");
  if (xff) return xff.split(",")[0]!.trim();
  return request.headers.get("x-real-ip") ?? "unknown";
}
