import type { CompiledQuery, Compilable, QueryResult } from "kysely";

const STAND_IN = "\u0000vouch-value:";

/** Where each bound parameter of the compiled query comes from: a named value or a constant. */
type ParameterSource = { name: string } | { constant: unknown };

/** Anything that runs compiled queries: the store's Kysely instance or one of its transactions. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** A query compiled once; `run` binds fresh values and executes it in any transaction. */
export interface PreparedQuery<Values, Row> {
  run(runner: QueryRunner, values: Values): Promise<QueryResult<Row>>;
}

/**
 * A Kysely query built and compiled once, then run with fresh values. Kysely builds an operation
 * tree and compiles it to SQL text on every call; on the ingest path, where a report is a dozen
 * small statements, that cost about as much as SQLite running them.
 *
 * `build` builds the query on the store's Kysely instance (the SQL is that dialect's) from
 * stand-ins for `names` and must let each one reach the query as a bound
 * parameter (`values()`, `where()`, `set()`, `sql\`${value}\``): arithmetic or branching on a
 * value in `build` would be frozen into the SQL, so compute such things before `run`. A stand-in
 * that ends up anywhere but a parameter, or a name never used, is refused here, at compile time.
 */
export function prepareQuery<Values extends Record<string, unknown>, Row>(
  names: readonly (keyof Values & string)[],
  build: (values: Values) => Compilable<Row>,
): PreparedQuery<Values, Row> {
  const standIns = Object.fromEntries(names.map((name) => [name, `${STAND_IN}${name}`]));
  const compiled = build(standIns as Values).compile();
  if (compiled.sql.includes(STAND_IN)) {
    throw new Error(`prepareQuery: a value was written into the SQL text: ${compiled.sql}`);
  }
  const sources: ParameterSource[] = compiled.parameters.map((parameter) =>
    typeof parameter === "string" && parameter.startsWith(STAND_IN)
      ? { name: parameter.slice(STAND_IN.length) }
      : { constant: parameter },
  );
  const unused = names.filter(
    (name) => !sources.some((source) => "name" in source && source.name === name),
  );
  if (unused.length > 0) {
    throw new Error(`prepareQuery: ${unused.join(", ")} never reached the query as a parameter`);
  }

  return {
    run(runner, values) {
      const parameters = sources.map((source) =>
        "name" in source ? values[source.name] : source.constant,
      );
      const query: CompiledQuery<Row> = { ...compiled, parameters };
      return runner.executeQuery(query);
    },
  };
}
