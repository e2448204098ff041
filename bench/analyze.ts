/**
 * How fast the analysis engine reads headers, beside the floor measured in the same run (only
 * splitting the same text into lines), and how its time grows on hostile input.
 *
 *   node bin/run-ts.mjs bench/analyze.ts [--quick]
 *
 * Targets: >= 20,000 typical blocks/s on one core, within 8x of the floor, a 1 MB adversarial
 * block in < 100 ms, linear growth (time x4 when the input grows x4), and linear growth in
 * Received hops up to 10,000 (at most x11 per x10 of hops).
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeHeaders } from "../src/analysis";
import { parseAddressList } from "../src/analysis/addresses";
import { parseDate } from "../src/analysis/dates";
import { decodeEncodedWords } from "../src/analysis/encoded-words";
import { parseHeaderBlock } from "../src/analysis/header-block";
import { parseReceived } from "../src/analysis/received";

const quick = process.argv.includes("--quick");
const MEASURE_MS = quick ? 400 : 2000;
let sink = 0; // keeps results alive so nothing is optimised away

// ---------------------------------------------------------------------------------------------
// Inputs

interface Block {
  name: string;
  text: string;
}

function loadSamples(): { blocks: Block[]; source: string } {
  const dir = fileURLToPath(new URL("../samples/", import.meta.url));
  try {
    const names = readdirSync(dir).filter((name) => name.endsWith(".eml"));
    if (names.length > 0) {
      return {
        blocks: names.map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") })),
        source: `samples/ (${names.length} files)`,
      };
    }
  } catch {
    // fall through to synthetic blocks
  }
  return { blocks: syntheticBlocks(), source: "synthetic Exchange Online blocks (no samples/)" };
}

/** Realistic Exchange Online header blocks of about 10 KB, for when samples/ is missing. */
function syntheticBlocks(): Block[] {
  return Array.from({ length: 8 }, (_, n) => {
    const hops = Array.from(
      { length: 7 },
      (_, i) =>
        `Received: from HOST${i}${n}.namprd11.prod.outlook.com (2603:10b6:408:43::${i}) by\r\n` +
        ` HOST${i + 1}${n}.namprd11.prod.outlook.com (2603:10b6:805:6c::${i}) with Microsoft SMTP\r\n` +
        ` Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.${i};\r\n` +
        ` Thu, 18 Apr 2024 10:21:${String(10 + i).padStart(2, "0")} +0000`,
    );
    const body = [
      ...hops,
      "Authentication-Results: spf=pass (sender IP is 40.107.212.82)",
      " smtp.mailfrom=vendor.example; dkim=pass (signature was verified)",
      " header.d=vendor.example;dmarc=pass action=none header.from=vendor.example;compauth=pass",
      " reason=100",
      `X-Forefront-Antispam-Report: CIP:40.107.212.82;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail${n}.vendor.example;PTR:mail.vendor.example;CAT:SPM;SFS:(13230040)(4076899003)(82310400026);DIR:INB;`,
      "X-Microsoft-Antispam: BCL:0;ARA:13230040|4076899003|82310400026;",
      "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterAuthJ;",
      "X-MS-Exchange-Organization-SCL: 5",
      `From: =?utf-8?Q?Vendor_Billing_=E2=80=93_${n}?= <billing@vendor.example>`,
      "Subject: =?utf-8?B?WW91ciBpbnZvaWNlIOKAkyBwYXltZW50IGR1ZQ==?=",
      "Date: Thu, 18 Apr 2024 10:21:05 +0000",
      `Message-ID: <${n}abc@vendor.example>`,
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=vendor.example; s=s1; h=From:Subject:Date; bh=${"A".repeat(44)}; b=${"B".repeat(340)}`,
      `ARC-Seal: i=1; a=rsa-sha256; s=arcselector; d=microsoft.com; cv=none; b=${"C".repeat(340)}`,
    ];
    let text = body.join("\r\n");
    while (text.length < 9_000)
      text += `\r\nX-MS-Exchange-Transport-Padding-${text.length}: ${"x".repeat(200)}`;
    return { name: `synthetic-${n}`, text: `${text}\r\n` };
  });
}

const MB = 1024 * 1024;

/**
 * The floor: the same text split into lines with indexOf and its fields unfolded (each
 * continuation line appended to the field before it), by the simplest fast loop. Lines end at
 * LF, a CR before it dropped: what the typical blocks hold.
 */
function splitAndUnfoldFloor(text: string): string[] {
  const fields: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    if (lineEnd === start) break;
    const first = text.charCodeAt(start);
    const line = text.slice(start, lineEnd);
    if ((first === 0x20 || first === 0x09) && fields.length > 0) fields[fields.length - 1] += line;
    else fields.push(line);
    start = end + 1;
  }
  return fields;
}

/**
 * A block of `hops` Received fields (the samples' own, folded as Exchange Online folds them,
 * cycled) below the other fields of a sample, as a message that went round a loop would carry.
 */
function blockWithHops(blocks: Block[], hops: number): string {
  const received: string[] = [];
  const others: string[] = [];
  for (const block of blocks) {
    const head = block.text.split(/\r?\n\r?\n/)[0] as string;
    for (const field of head.split(/\r?\n(?![ \t])/)) {
      if (/^received:/i.test(field)) received.push(field);
      else if (block === blocks[0]) others.push(field);
    }
  }
  const lines = [...others];
  for (let i = 0; i < hops; i++) lines.push(received[i % received.length] as string);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/** Hostile blocks of about `size` characters, each a different attack on the parsers. */
const ADVERSARIAL: { name: string; build: (size: number) => string }[] = [
  {
    name: "one giant folded header",
    build: (size) => {
      const fold = "\r\n spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=a.example;";
      return `Authentication-Results: mx.example.com;${fold.repeat(Math.ceil(size / fold.length))}\r\n`;
    },
  },
  {
    name: "thousands of Received lines",
    build: (size) => {
      const line =
        "Received: from a.example (a.example [192.0.2.1]) by b.example (Postfix) with ESMTPS id 4AbC for <x@b.example>; Mon, 1 Jan 2024 10:00:00 +0000\r\n";
      return line.repeat(Math.ceil(size / line.length));
    },
  },
  {
    name: "nested comments in Auth-Results",
    build: (size) => {
      const depth = Math.floor(size / 2) - 40;
      return `Authentication-Results: mx.example.com; spf=pass ${"(".repeat(depth)}${")".repeat(depth)}\r\n`;
    },
  },
  {
    name: "unclosed comments in Auth-Results",
    build: (size) =>
      `Authentication-Results: mx.example.com; spf=pass ${"(x ".repeat(size / 3)}\r\n`,
  },
  {
    name: "long runs of =? in Subject and From",
    build: (size) =>
      `Subject: ${"=?".repeat(size / 4)}\r\nFrom: ${"=?utf-8?Q?".repeat(size / 20)} <a@b.example>\r\n`,
  },
  {
    name: "giant address list with comments",
    build: (size) => `From: ${'"x" (c (d)) <a@b.example>, '.repeat(size / 27)}\r\n`,
  },
  {
    name: "a hundred thousand distinct short fields",
    build: (size) => {
      const lines: string[] = [];
      let length = 0;
      for (let i = 0; length < size; i++) {
        const line = `${i.toString(36)}:\r\n`;
        lines.push(line);
        length += line.length;
      }
      return lines.join("");
    },
  },
  {
    name: "random bytes, no line breaks",
    build: (size) => {
      let seed = 7;
      let text = "X-Junk: ";
      const chunk: string[] = [];
      for (let i = 0; i < size; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        chunk.push(String.fromCharCode(32 + (seed % 95)));
      }
      text += chunk.join("");
      return text;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * CPU time of this process in milliseconds. The machines we run on are shared, so wall-clock
 * time would also count other processes' work; CPU time counts only ours.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Runs `step` for `ms` of CPU time before measuring, so that the optimising compiler has done
 * its work: on a loaded machine its background threads get little CPU, and a fixed count of
 * warm-up calls would measure the engine's start-up instead of its steady state.
 */
function warmUp(step: () => void, ms: number): void {
  const start = cpuMs();
  while (cpuMs() - start < ms) for (let i = 0; i < 50; i++) step();
}

/** Runs `step` in batches for at least `ms` of CPU time; returns operations per CPU second. */
function throughput(step: () => void, ms: number): number {
  warmUp(step, ms / 2);
  let operations = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) step();
    operations += 100;
    elapsed = cpuMs() - start;
  }
  return (operations / elapsed) * 1000;
}

/**
 * Two measurements interleaved batch by batch, so that a change in the machine's load during
 * the run affects both alike and their ratio stays meaningful. Returns operations per CPU second.
 */
function interleaved(first: () => void, second: () => void, ms: number): [number, number] {
  warmUp(() => {
    first();
    second();
  }, ms);
  const spent = [0, 0];
  const operations = [0, 0];
  const steps = [first, second];
  while ((spent[0] as number) + (spent[1] as number) < 2 * ms) {
    for (let which = 0; which < 2; which++) {
      const step = steps[which] as () => void;
      const start = cpuMs();
      for (let i = 0; i < 50; i++) step();
      spent[which] = (spent[which] as number) + cpuMs() - start;
      operations[which] = (operations[which] as number) + 50;
    }
  }
  return [0, 1].map(
    (which) => ((operations[which] as number) / (spent[which] as number)) * 1000,
  ) as [number, number];
}

/** Median and minimum CPU milliseconds of `repeats` runs after one warm-up run. */
function timeRuns(run: () => void, repeats: number): { median: number; min: number } {
  run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = cpuMs();
    run();
    times.push(cpuMs() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, min: times[0] as number };
}
type Timing = ReturnType<typeof timeRuns>;

let peakHeap = 0;
function notePeakHeap(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

// ---------------------------------------------------------------------------------------------
// Printing

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  return [
    line(headers),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

// ---------------------------------------------------------------------------------------------
// Run

const { blocks, source } = loadSamples();
const averageSize = blocks.reduce((sum, block) => sum + block.text.length, 0) / blocks.length;

let next = 0;
let nextFloor = 0;
const [analysisRate, floorRate] = interleaved(
  () => {
    const block = blocks[next++ % blocks.length] as Block;
    sink += analyzeHeaders(block.text).verdict.findings.length;
    if (next % 1000 === 0) notePeakHeap();
  },
  () => {
    const block = blocks[nextFloor++ % blocks.length] as Block;
    sink += splitAndUnfoldFloor(block.text).length;
  },
  MEASURE_MS,
);

const analysisUs = 1e6 / analysisRate;
const floorUs = 1e6 / floorRate;
const ratio = analysisUs / floorUs;

console.log(`vouch analysis benchmark (${quick ? "quick" : "full"} run, Node ${process.version})`);
console.log(`input: ${source}, average ${fmt(averageSize / 1024, 1)} KB per header block`);
console.log(
  `times are CPU time of this process (load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(" ")} on ${availableParallelism()} cores)\n`,
);
console.log("Typical header blocks, one core (analysis and floor interleaved batch by batch)");
console.log(
  table(
    ["measure", "blocks/s", "us/block", "target", "result"],
    [
      [
        "analyzeHeaders",
        fmt(analysisRate),
        fmt(analysisUs, 1),
        ">= 20,000 blocks/s",
        verdict(analysisRate >= 20_000),
      ],
      ["floor: split into lines, unfold", fmt(floorRate), fmt(floorUs, 1), "", ""],
      ["ratio to the floor", "", `${fmt(ratio, 1)}x`, "<= 8x", verdict(ratio <= 8)],
    ],
  ),
);

// The primitives on the fields of the same blocks.
const fields = blocks.map((block) => parseHeaderBlock(block.text));
const received = fields.flatMap((block) => block.all("Received").map((field) => field.value));
const froms = fields.flatMap((block) => block.all("From").map((field) => field.value));
const dates = fields.flatMap((block) => block.all("Date").map((field) => field.value));
const subjects = fields.flatMap((block) => block.all("Subject").map((field) => field.value));
const primitive = (name: string, values: string[], run: (value: string) => unknown) => {
  let index = 0;
  const rate = throughput(() => {
    sink += run(values[index++ % values.length] as string) === null ? 0 : 1;
  }, MEASURE_MS / 4);
  return [name, String(values.length), fmt(rate), fmt(1e6 / rate, 2)];
};
console.log("\nPrimitives on the same blocks' fields");
console.log(
  table(
    ["primitive", "values", "calls/s", "us/call"],
    [
      primitive(
        "parseHeaderBlock (whole block)",
        blocks.map((block) => block.text),
        parseHeaderBlock,
      ),
      primitive("parseReceived", received, parseReceived),
      primitive("parseAddressList (From)", froms, parseAddressList),
      primitive("parseDate (Date)", dates, parseDate),
      primitive("decodeEncodedWords (Subject)", subjects, decodeEncodedWords),
    ],
  ),
);

const sizes = [0.25 * MB, 0.5 * MB, 1 * MB];
const adversarialRows: string[][] = [];
let worstAt1Mb = 0;
let worstGrowth = 0;
for (const attack of ADVERSARIAL) {
  const times = sizes.map((size) => {
    const text = attack.build(size);
    const time = timeRuns(
      () => {
        sink += analyzeHeaders(text).hops.length;
      },
      quick ? 3 : 7,
    );
    notePeakHeap();
    return time;
  });
  const [small, , large] = times as [Timing, Timing, Timing];
  // Growth from the fastest runs: the least disturbed by other processes and the collector.
  const growth = large.min / Math.max(small.min, 0.001);
  worstAt1Mb = Math.max(worstAt1Mb, large.median);
  worstGrowth = Math.max(worstGrowth, growth);
  adversarialRows.push([
    attack.name,
    ...times.map((time) => fmt(time.median, 1)),
    `${fmt(growth, 1)}x`,
    verdict(large.median < 100),
  ]);
}
console.log(
  "\nAdversarial blocks through analyzeHeaders (median CPU ms of " +
    `${quick ? 3 : 7} runs; growth = fastest 1 MB run / fastest 250 KB run, 4x when linear)`,
);
console.log(
  table(["block", "250 KB", "500 KB", "1 MB", "growth", "1 MB < 100 ms"], adversarialRows),
);

// Growth in Received hops: 100, 1,000 and 10,000 hops (the block reads at most 10,000 fields,
// so the largest loses its last few hops to the sample's other fields above them).
const hopCounts = [100, 1_000, 10_000];
const hopRows: string[][] = [];
const hopTimes = hopCounts.map((count) => {
  const text = blockWithHops(blocks, count);
  let read = 0;
  const time = timeRuns(
    () => {
      read = analyzeHeaders(text).hops.length;
      sink += read;
    },
    count >= 10_000 ? (quick ? 5 : 11) : quick ? 15 : 41,
  );
  notePeakHeap();
  hopRows.push([
    fmt(count),
    fmt(read),
    fmt(text.length / 1024),
    fmt(time.min, 2),
    fmt(time.median, 2),
  ]);
  return time;
});
// Growth from the fastest runs, as above.
const hopGrowth = hopTimes
  .slice(1)
  .map((time, i) => time.min / Math.max((hopTimes[i] as Timing).min, 0.001));
const worstHopGrowth = Math.max(...hopGrowth);
console.log(
  "\nReceived hops through analyzeHeaders (CPU ms; growth = fastest run / fastest run at a tenth of the hops, 10x when linear)",
);
console.log(table(["hops", "read", "KB", "fastest ms", "median ms"], hopRows));
console.log(
  `growth 100 -> 1,000: ${fmt(hopGrowth[0] as number, 1)}x, 1,000 -> 10,000: ${fmt(hopGrowth[1] as number, 1)}x` +
    `  target <= 11x per 10x: ${verdict(worstHopGrowth <= 11)}`,
);

const rssMb = process.resourceUsage().maxRSS / 1024;
console.log("\nMemory");
console.log(
  table(
    ["measure", "MB"],
    [
      ["peak RSS (whole process, includes tsx and the 1 MB inputs)", fmt(rssMb, 1)],
      ["peak heap used", fmt(peakHeap / MB, 1)],
    ],
  ),
);

console.log("\nSummary");
console.log(
  table(
    ["target", "figure", "result"],
    [
      [">= 20,000 typical blocks/s", fmt(analysisRate), verdict(analysisRate >= 20_000)],
      ["within 8x of the floor (split, unfold)", `${fmt(ratio, 1)}x`, verdict(ratio <= 8)],
      [
        "linear in hops to 10,000 (worst per x10)",
        `${fmt(worstHopGrowth, 1)}x`,
        verdict(worstHopGrowth <= 11),
      ],
      ["1 MB adversarial < 100 ms (worst)", `${fmt(worstAt1Mb, 1)} ms`, verdict(worstAt1Mb < 100)],
      ["linear growth (worst 1 MB / 250 KB)", `${fmt(worstGrowth, 1)}x`, verdict(worstGrowth <= 6)],
    ],
  ),
);
if (sink === -1) console.log(sink);
