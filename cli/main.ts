/**
 * `vouch COMMAND ...`: dispatches to one module per command. Each command returns its exit
 * status; none calls process.exit, so the output streams drain before the process ends.
 */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyze: {
    summary: "explain the headers of one or more messages (vouch analyze --help)",
    load: async () => (await import("./analyze")).analyzeCommand,
  },
  serve: {
    summary: "run the service: API, pane, harness and admin console",
    load: async () => (await import("../server/cli/serve")).serveCommand,
  },
  token: {
    summary: "print a development access token (VOUCH_AUTH=dev only)",
    load: async () => (await import("../server/cli/token")).tokenCommand,
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`vouch: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return `usage: vouch COMMAND [ARGS...]\n\ncommands:\n${lines.join("\n")}\n`;
}
