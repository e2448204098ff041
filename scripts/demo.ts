/**
 * npm run demo [-- --force]: fills a fresh data folder (VOUCH_DATA_DIR, default ./data; or the
 * PostgreSQL database of DATABASE_URL) with a believable month of reports from Contoso, through
 * the real store and the same path as POST /api/v1/reports (the service's analysis of the
 * headers, the store's idempotent record, the proposals listener in the same transaction).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeHeaders } from "../src/analysis";
import { loadConfig, trustedAuthservFor } from "../server/config";
import { saveSettings } from "../server/proposals/repository";
import { attachProposals, ProposalService } from "../server/proposals/service";
import { withDefaults } from "../server/proposals/settings";
import { openConfiguredStore, prepareDataDir } from "../server/start";
import {
  ACCEPTED_DOMAINS,
  ADMIN,
  PEOPLE,
  seededRandom,
  STORIES,
  TENANT,
} from "./demo/organisation";

const DAY_MS = 86_400_000;
const SAMPLES = join(import.meta.dirname, "../samples");

function sampleHeaders(id: string): string {
  const text = readFileSync(join(SAMPLES, `${id}.eml`), "utf8");
  const end = text.search(/\r?\n\r?\n/);
  return end >= 0 ? text.slice(0, end + 2) : text;
}

async function main(): Promise<number> {
  const force = process.argv.includes("--force");
  const config = loadConfig(process.env);
  if (config.database.kind === "sqlite" && existsSync(config.dataDir)) {
    const present = readdirSync(config.dataDir);
    if (present.length > 0 && !force) {
      console.error(
        `${config.dataDir} is not empty (${present.length} entries). The demo fills a fresh data folder: choose another VOUCH_DATA_DIR, or pass --force to add the demo to this one.`,
      );
      return 1;
    }
  }
  prepareDataDir(config.dataDir);
  const store = await openConfiguredStore(config);
  const now = new Date();
  const detach = attachProposals(store, () => now);
  const random = seededRandom(20261127);
  const proposals = new ProposalService(store, () => now);
  try {
    await saveSettings(
      proposals.db,
      TENANT,
      withDefaults({ acceptedDomains: ACCEPTED_DOMAINS }),
      ADMIN,
      new Date(now.getTime() - 30 * DAY_MS),
    );
    let recorded = 0;
    for (const story of STORIES) {
      const headers = sampleHeaders(story.sample);
      const analysis = analyzeHeaders(headers, {
        trustedAuthservIds: trustedAuthservFor(config, TENANT),
      });
      for (const [order, personIndex] of story.reporters.entries()) {
        const person = PEOPLE[personIndex]!;
        const message = order % story.messages;
        const [oldest, newest] = story.daysAgo;
        const span = oldest - newest;
        // Later messages of a series are reported later in the month.
        const daysAgo = oldest - (span * (message + random() * 0.9)) / Math.max(1, story.messages);
        const at = new Date(now.getTime() - daysAgo * DAY_MS - random() * 8 * 3_600_000);
        const kind =
          story.kind === "mixed" ? (order % 3 === 0 ? "trusted-sender" : "not-spam") : story.kind;
        const result = await store.reports.record({
          tenantId: TENANT,
          reporterId: person,
          internetMessageId: `<${story.tag}-${message + 1}.${story.domain}@mail.${story.domain}>`,
          kind,
          mailbox:
            story.sharedMailbox && order % 2 === 1
              ? story.sharedMailbox
              : `${person}@contoso.example`,
          rawHeaders: headers,
          analysis,
          now: at,
        });
        if (result.outcome === "created") recorded += 1;
      }
    }

    const page = await proposals.list(TENANT, { limit: 200, offset: 0 });
    const azure = page.items.find((item) => item.senderKey === "azure-noreply@microsoft.com");
    if (azure?.status === "open") {
      await proposals.decide(TENANT, azure.id, "approve", ADMIN, {
        note: "Azure service notices; checked with the cloud team. Submitted to Microsoft too.",
        confirm: false,
      });
    }
    const final = await proposals.list(TENANT, { limit: 200, offset: 0 });
    const insights = await proposals.insights(TENANT);

    console.log(
      `Vouch demo: ${recorded} reports from ${PEOPLE.length} people in tenant "${TENANT}" over the past month.`,
    );
    console.log(
      `Data: ${config.database.kind === "sqlite" ? config.database.path : "PostgreSQL (DATABASE_URL)"}`,
    );
    console.log("");
    console.log("Proposals, strongest first:");
    for (const item of final.items) {
      console.log(
        `  ${item.status.padEnd(10)} ${String(item.strength).padStart(3)}  ${item.senderKey}\n               ${item.reason}`,
      );
    }
    console.log("");
    console.log("Insights:");
    for (const item of insights.items) {
      console.log(`  ${item.cause}: ${item.senders} sender(s), ${item.reports} report(s)`);
    }
    console.log("");
    // The same start as the README's, on the folder (or database) just filled.
    const where =
      config.database.kind === "postgres"
        ? "DATABASE_URL=<the same> "
        : `VOUCH_DATA_DIR=${process.env.VOUCH_DATA_DIR ?? "./data"} `;
    console.log("Open the console:");
    console.log(`  ${where}npm start`);
    console.log(`  then ${config.publicOrigin}/admin.html and sign in as "Contoso admin"`);
    console.log(`  (or "Someone else": tenant ${TENANT}, user ${ADMIN}, with the admin role).`);
    return 0;
  } finally {
    detach();
    await store.close();
  }
}

process.exitCode = await main();
