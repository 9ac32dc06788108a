// The columns of a row read by raw SQL, named once: the same record gives the row's $queryRaw column list
// and Prisma's `select`, so the type, the SQL and the ORM query cannot drift apart (issue 12, item 7).

/** Column → the cast that makes it the row type's value ("" for none; "::text" for enums and uuids). */
export type RowColumns<Row> = { readonly [K in keyof Row & string]: "" | "::text" };

/** `a."id"::text AS "id", a."code" AS "code", …` for `Prisma.raw(...)` inside a $queryRaw template. */
export function selectList<Row>(columns: RowColumns<Row>, alias: string): string {
  return Object.entries(columns)
    .map(([name, cast]) => `${alias}."${name}"${cast} AS "${name}"`)
    .join(", ");
}

/** `{ id: true, code: true, … }` for Prisma's findMany/findUnique `select`. */
export function prismaSelect<Row>(columns: RowColumns<Row>): { [K in keyof Row & string]: true } {
  return Object.fromEntries(Object.keys(columns).map((name) => [name, true])) as {
    [K in keyof Row & string]: true;
  };
}
