import { z } from "zod";

/**
 * The OpenAPI 3.1 document at /api/openapi.json, generated from the zod schemas that validate
 * the requests and shape the answers. Every route registers its entry next to its handler
 * (feature plugins too, through the context), so the document cannot drift from the code.
 */
export interface ApiRoute {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path syntax: /api/v1/reports/{id}. */
  path: string;
  summary: string;
  /** False for the few routes that take no token. Default true. */
  auth?: boolean;
  adminOnly?: boolean;
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** Status → schema of the JSON answer, or null for an answer without a body. */
  responses: Record<number, { description: string; schema: z.ZodType | null }>;
}

export const errorStatuses: Record<number, string> = {
  400: "The request failed validation; the message names the field.",
  401: "No valid access token.",
  403: "The caller may not do this.",
  404: "Not found in the caller's tenant.",
  413: "The body or the headers exceed the size limit.",
  415: "The body is not application/json.",
  429: "A per-user or per-tenant rate limit is spent; see Retry-After.",
};

export class OpenApiRegistry {
  private readonly routes: ApiRoute[] = [];

  add(route: ApiRoute): void {
    this.routes.push(route);
  }

  /** Every route described so far (tests walk the admin-only ones). */
  list(): readonly ApiRoute[] {
    return this.routes;
  }

  document(info: { version: string; serverUrl: string }, errorBody: z.ZodType): object {
    const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "openapi-3.0", io: "input" });
    const paths: Record<string, Record<string, object>> = {};
    for (const route of this.routes) {
      const parameters = [
        ...Object.entries(route.params?.shape ?? {}).map(([name, s]) => ({
          name,
          in: "path",
          required: true,
          schema: schema(s as z.ZodType),
        })),
        ...Object.entries(route.query?.shape ?? {}).map(([name, s]) => ({
          name,
          in: "query",
          required: !(s as z.ZodType).safeParse(undefined).success,
          schema: schema(s as z.ZodType),
        })),
      ];
      const responses: Record<string, object> = {};
      for (const [status, { description, schema: body }] of Object.entries(route.responses)) {
        responses[status] = body
          ? { description, content: { "application/json": { schema: schema(body) } } }
          : { description };
      }
      const refusals =
        route.auth === false ? [400, 413, 415] : Object.keys(errorStatuses).map(Number);
      for (const status of refusals) {
        if (!route.body && (status === 413 || status === 415)) continue;
        if (!route.adminOnly && status === 403 && route.auth === false) continue;
        responses[String(status)] ??= {
          description: errorStatuses[status] ?? "Refused.",
          content: { "application/json": { schema: schema(errorBody) } },
        };
      }
      (paths[route.path] ??= {})[route.method] = {
        summary: route.summary,
        ...(route.auth === false ? { security: [] } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: schema(route.body) } },
              },
            }
          : {}),
        responses,
      };
    }
    return {
      openapi: "3.1.0",
      info: { title: "Vouch API", version: info.version },
      servers: [{ url: info.serverUrl }],
      components: {
        securitySchemes: {
          entra: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "JWT",
            description:
              "A Microsoft Entra ID access token for this API (scope Reports.Submit), or a development token.",
          },
        },
      },
      security: [{ entra: [] }],
      paths,
    };
  }
}

/** What an admin route's documentation says; the error answers are the same for all. */
export interface AdminRouteDoc {
  method: ApiRoute["method"];
  path: string;
  summary: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  ok: z.ZodType | null;
  okStatus?: number;
}

/**
 * Registers admin-only routes with the error answers they share: by default every error an
 * admin route of the proposals or the watch can give; a feature whose routes give fewer names
 * its own.
 */
export function adminRouteDocs(
  registry: OpenApiRegistry,
  errorCodes: readonly number[] = [400, 401, 403, 404, 409],
): (route: AdminRouteDoc) => void {
  const errors = Object.fromEntries(
    errorCodes.map((code) => [code, { description: `error ${code}`, schema: null }]),
  );
  return (route) =>
    registry.add({
      method: route.method,
      path: route.path,
      summary: route.summary,
      adminOnly: true,
      ...(route.query ? { query: route.query } : {}),
      ...(route.params ? { params: route.params } : {}),
      ...(route.body ? { body: route.body } : {}),
      responses: {
        [route.okStatus ?? 200]: { description: route.summary, schema: route.ok },
        ...errors,
      },
    });
}
