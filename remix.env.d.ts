import "@remix-run/dev";
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
