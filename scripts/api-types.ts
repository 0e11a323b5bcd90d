// Writes web/src/shared/openapi.d.ts, the web app's types of the REST API, from the OpenAPI document
// the server builds from its route schemas: the web app never copies a server type by hand.
// Run `npm run api-types` after changing a route schema; src/platform/openapi.db.test.ts fails while
// the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createTestDesk } from '../test/helpers/build-app.js';

export const apiTypesFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '../web/src/shared/openapi.d.ts');

const header = `// Generated from the OpenAPI document (GET /api/openapi.json) by scripts/api-types.ts. Do not edit:
// change the route schemas, then run \`npm run api-types\`.

`;

type Responses = Record<string, unknown>;
type Document = {
  paths?: Record<string, Record<string, { responses?: Responses }>>;
  components?: OpenAPI3['components'];
};

// Every route answers errors with the same body (ErrorSchema): written once, as components.responses.Error,
// instead of six times per operation.
function shareErrorResponse(document: Document): Document {
  let error: string | undefined;
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const responses = operation?.responses;
      if (!responses || typeof responses !== 'object') continue;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const json = JSON.stringify(response);
        error ??= json;
        if (json === error) responses[status] = { $ref: '#/components/responses/Error' };
      }
    }
  }
  if (error) document.components = { ...document.components, responses: { Error: JSON.parse(error) } };
  return document;
}

/** The TypeScript of an OpenAPI document, as committed in web/src/shared/openapi.d.ts. */
export async function renderApiTypes(document: unknown): Promise<string> {
  const shared = shareErrorResponse(structuredClone(document) as Document);
  // alphabetized, so the file does not churn when routes register in another order
  const ast = await openapiTS(shared as OpenAPI3, { alphabetize: true, silent: true });
  return header + astToString(ast);
}

async function main() {
  const desk = await createTestDesk();
  try {
    fs.writeFileSync(apiTypesFile, await renderApiTypes(desk.app.swagger()));
    console.log(`wrote ${path.relative(process.cwd(), apiTypesFile)}`);
  } finally {
    await desk.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
