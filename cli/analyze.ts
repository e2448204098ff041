/**
 * `vouch analyze [--json] [--trust-authserv ID]... [FILE...|-]` as docs/analysis-contract.md says:
 * FILE is a raw header block or a whole .eml; no FILE or "-" reads stdin. An unreadable input
 * is a one-line error on stderr and exit status 2; the readable ones are still analysed.
 */
import { readFile } from "node:fs/promises";
import { analyzeHeaders } from "../src/analysis";
import type { HeaderAnalysis } from "../src/analysis";
import { renderReport } from "./analyze-report";

const USAGE = `usage: vouch analyze [--json] [--trust-authserv ID]... [FILE...|-]

Explains the internet headers of one or more messages: who sent it and whether that is
proven (SPF, DKIM, DMARC, compauth, ARC), Microsoft's anti-spam stamps and what they mean,
the route with delays, and findings grouped by who can fix them.

  FILE                   a raw header block or a whole .eml (headers end at the first empty line)
  -                      read from standard input (also when no FILE is given)
  --json                 print the analysis (vouch.analysis/1) as JSON: one object for one input,
                         one object per line for several
  --trust-authserv ID    trust only Authentication-Results written by this authserv-id (or with
                         none, as Exchange Online writes); repeatable. Default: the topmost header
  -h, --help             show this help

Colour is used on a terminal unless NO_COLOR is set (FORCE_COLOR=1 forces it).
Exit status: 0 when every input was analysed, 2 when one could not be read or on a usage error.
`;

export interface AnalyzeArgs {
  json: boolean;
  help: boolean;
  trustedAuthservIds: string[];
  /** File names; "-" is standard input. */
  inputs: string[];
}

/** Parses the arguments; returns an error message for a usage mistake. */
export function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs | { error: string } {
  const parsed: AnalyzeArgs = { json: false, help: false, trustedAuthservIds: [], inputs: [] };
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) {
      parsed.inputs.push(arg);
    } else if (arg === "--") {
      optionsEnded = true;
    } else if (arg === "--json") {
      parsed.json = true;
    } else if (arg === "--help" || arg === "-h") {
      parsed.help = true;
    } else if (arg === "--trust-authserv" || arg.startsWith("--trust-authserv=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
      if (value === undefined || value.trim().length === 0) {
        return {
          error: "--trust-authserv needs an authserv-id, e.g. --trust-authserv mx.example.com",
        };
      }
      parsed.trustedAuthservIds.push(value.trim());
    } else {
      return { error: `unknown option "${arg}"` };
    }
  }
  if (parsed.inputs.length === 0) parsed.inputs.push("-");
  return parsed;
}

export async function analyzeCommand(args: string[]): Promise<number> {
  const parsed = parseAnalyzeArgs(args);
  if ("error" in parsed) {
    process.stderr.write(`vouch analyze: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const color = useColor(process.stdout.isTTY === true, process.env);
  const several = parsed.inputs.length > 1;
  let status = 0;
  for (const input of parsed.inputs) {
    const label = input === "-" ? "standard input" : input;
    const read = await readInput(input);
    if ("error" in read) {
      process.stderr.write(`vouch analyze: ${label}: ${read.error}\n`);
      status = 2;
      continue;
    }
    const analysis = analyzeHeaders(headerPart(read.text), {
      trustedAuthservIds: parsed.trustedAuthservIds,
    });
    process.stdout.write(
      format(analysis, { json: parsed.json, several, color, label: several ? label : undefined }),
    );
  }
  return status;
}

function format(
  analysis: HeaderAnalysis,
  options: { json: boolean; several: boolean; color: boolean; label: string | undefined },
): string {
  if (options.json) {
    return options.several
      ? `${JSON.stringify(analysis)}\n`
      : `${JSON.stringify(analysis, null, 2)}\n`;
  }
  const report = renderReport(analysis, { color: options.color, label: options.label });
  return options.several ? `${report}\n` : report;
}

/** no-color.org: NO_COLOR set and not empty disables colour; FORCE_COLOR enables it off a TTY. */
export function useColor(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") {
    return true;
  }
  return isTty;
}

type ReadResult = { text: string } | { error: string };

async function readInput(input: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = input === "-" ? await readStdin() : await readFile(input);
  } catch (error) {
    return { error: describeReadError(error) };
  }
  const headerBytes = bytes.subarray(0, headerEndInBytes(bytes));
  if (isBinary(headerBytes)) {
    return { error: "binary data (NUL bytes), not a header block or .eml" };
  }
  return { text: decodeText(bytes) };
}

/** More NUL bytes than one in this many is no text with a stray NUL (UTF-16 has one in two). */
const NUL_SHARE = 8;

/**
 * Input that is not a header block at all: NUL bytes, and either no header field (or mbox "From
 * " line) at the start, or NULs throughout. A header block with a stray NUL is still analysed;
 * the analysis flags the NUL as unreadable input.
 */
export function isBinary(headerBytes: Uint8Array): boolean {
  let nuls = 0;
  for (let at = headerBytes.indexOf(0); at >= 0; at = headerBytes.indexOf(0, at + 1)) nuls++;
  if (nuls === 0) return false;
  return nuls * NUL_SHARE > headerBytes.length || !startsLikeHeaders(headerBytes);
}

/** The first line is `Name:` (printable ASCII, no space, then a colon) or an mbox "From " line. */
function startsLikeHeaders(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // UTF-8 BOM
  if (bytes.subarray(i, i + 5).every((byte, k) => byte === "From ".charCodeAt(k))) {
    return bytes.length >= i + 5;
  }
  const nameStart = i;
  while (i < bytes.length && i - nameStart <= 200) {
    const byte = bytes[i] as number;
    if (byte === 0x3a) return i > nameStart;
    if (byte < 33 || byte > 126) return false;
    i++;
  }
  return false;
}

async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) {
    process.stderr.write("vouch analyze: reading headers from standard input (end with Ctrl-D)\n");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error
        ? (error.message.split("\n")[0] ?? "cannot read")
        : "cannot read";
  }
}

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (8-bit headers from older mailers). */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

/** Byte offset of the empty line that ends the headers (or the length when there is none). */
function headerEndInBytes(bytes: Uint8Array): number {
  let lineStart = true;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || byte === 0x0d) {
      if (lineStart) return i;
      if (byte === 0x0d && bytes[i + 1] === 0x0a) i++;
      lineStart = true;
    } else {
      lineStart = false;
    }
  }
  return bytes.length;
}

/** The header block of a whole .eml: everything before the first empty line. */
export function headerPart(text: string): string {
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) {
      if (lineStart) return text.slice(0, i);
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      lineStart = true;
    } else {
      lineStart = false;
    }
  }
  return text;
}
