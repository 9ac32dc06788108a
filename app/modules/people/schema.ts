// The person schema is pure and shared with the browser: it lives in app/domain/people.ts. This name stays
// for the modules and fixtures that import it from here.
export * from "~/domain/people";
