/**
 * What validating a sender identity costs, per kind of name, beside the analysis of a whole
 * header block it rides with (bench/analyze.ts: tens of microseconds), and what loading the
 * identity module (the ~96,000-domain free-mail list, the confusables table) costs once per
 * thread.
 *
 *   node bin/run-ts.mjs bench/identity.ts [--quick]
 *
 * Figures are CPU time of the measuring thread. Target: under 100 µs for an ASCII name and
 * under 300 µs for an internationalised one (tr46), so validation stays within the cost of
 * analysing the message it came with.
 */
import { loadavg } from "node:os";

const quick = process.argv.includes("--quick");
const MEASURE_MS = quick ? 300 : 1500;
let sink = 0;

const loadStart = process.cpuUsage();
const { validateIdentity } = await import("../server/identity/validate");
const loaded = process.cpuUsage(loadStart);
const loadMs = (loaded.user + loaded.system) / 1000;

const context = {
  acceptedDomains: ["contoso.com", "contoso.co.uk", "fabrikam.com"],
  protectedDomains: Array.from({ length: 200 }, (_, i) => `partner${i}.example.net`),
};

const cases: { name: string; values: string[] }[] = [
  { name: "plain company domain", values: ["northwind.com", "mail.litware.co.uk", "Adatum.DE"] },
  { name: "free-mail address", values: ["alice@gmail.com", "bob@yahoo.co.uk", "carol@gmx.de"] },
  { name: "internationalised domain", values: ["bücher.de", "xn--mnchen-3ya.de", "пример.рф"] },
  { name: "look-alike (refused)", values: ["pаypal.com", "paypa1.com", "c0ntoso.com"] },
  { name: "hostile text (refused)", values: ["pay\u202epal.com", "[1.2.3.4]", "a`b$c.com"] },
];

/** CPU time of this thread, not wall time: the figures hold on a machine shared with others. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function measure(values: string[]): number {
  let calls = 0;
  const start = cpuMicros();
  while (cpuMicros() - start < MEASURE_MS * 1000) {
    for (let i = 0; i < 100; i++) {
      const verdict = validateIdentity(values[calls % values.length]!, context);
      sink += verdict.ok ? 1 : 0;
      calls++;
    }
  }
  return (cpuMicros() - start) / calls;
}

measure(cases.flatMap((c) => c.values)); // warm up
console.log(
  `load average ${loadavg()[0]!.toFixed(1)}; module load ${loadMs.toFixed(0)} ms CPU (includes compiling the TypeScript)`,
);
for (const { name, values } of cases) {
  console.log(`${name.padEnd(28)} ${measure(values).toFixed(1).padStart(7)} µs CPU per identity`);
}
if (sink < 0) console.log(sink);
