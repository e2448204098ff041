/**
 * vitest globalSetup of the service-postgres project: a private PostgreSQL cluster for the run.
 *
 * It finds the server binaries (`VOUCH_PG_BIN`, else the newest /usr/lib/postgresql/<v>/bin),
 * runs initdb in a fresh temporary directory (as the `postgres` user when we are root, since
 * initdb refuses root), starts the server on 127.0.0.1 and a free port with its socket in that
 * directory, and provides `databaseUrl` (the `postgres` maintenance database, trust auth) to the
 * tests through `inject("databaseUrl")`. Teardown stops the server and removes the directory.
 * Missing binaries fail the run with a message saying what to install: never a silent skip.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openStore } from "../../server/storage";

declare module "vitest" {
  export interface ProvidedContext {
    /** postgres://postgres@127.0.0.1:PORT/postgres of the run's private cluster. */
    databaseUrl: string;
    /** A database with every migration applied, to copy: CREATE DATABASE x TEMPLATE <this>. */
    migratedTemplate: string;
  }
}

/** Name of the migrated database tests copy instead of migrating each new one. */
export const MIGRATED_TEMPLATE = "vouch_template";

function findBinDir(): string {
  const fromEnv = process.env.VOUCH_PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, "initdb"))) {
      throw new Error(`VOUCH_PG_BIN=${fromEnv} holds no initdb`);
    }
    return fromEnv;
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      "service-postgres tests need the PostgreSQL server binaries (initdb, pg_ctl), looked in " +
        `${root}/*/bin: install them (Debian: apt-get install postgresql) or set VOUCH_PG_BIN`,
    );
  }
  return join(root, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

interface Runner {
  run(binary: string, args: string[]): void;
  /** chown to the cluster's owner, when that is not us. */
  own(path: string): void;
}

function runner(binDir: string): Runner {
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
        gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
      }
    : null;
  if (ids && (Number.isNaN(ids.uid) || Number.isNaN(ids.gid))) {
    throw new Error("running as root, but there is no `postgres` user to own the test cluster");
  }
  return {
    run(binary, args) {
      const path = join(binDir, binary);
      const [command, commandArgs] = asRoot
        ? ["runuser", ["-u", "postgres", "--", path, ...args]]
        : [path, args];
      execFileSync(command, commandArgs, { stdio: "pipe", timeout: 120_000 });
    },
    own(path) {
      if (ids) chownSync(path, ids.uid, ids.gid);
    },
  };
}

function explain(error: unknown, logFile: string): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
  return [String(error), stderr, log].filter(Boolean).join("\n");
}

/**
 * Migrating a new database costs most of a second here; copying a migrated one (FILE_COPY is
 * cheap with fsync off) a tenth of that. Every migration of the run is in the template, since
 * the list is read from the same module the service uses.
 */
async function createMigratedTemplate(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${MIGRATED_TEMPLATE}`);
  } finally {
    await client.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${MIGRATED_TEMPLATE}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 1 });
  await store.close();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binDir = findBinDir();
  const as = runner(binDir);
  const dir = mkdtempSync(join(tmpdir(), "vouch-pg-"));
  as.own(dir);
  const dataDir = join(dir, "data");
  const logFile = join(dir, "server.log");

  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        as.run("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]);
      } catch {
        // Already gone: removing the directory is all that is left.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // If the run dies before teardown, do not leave a server behind.
  process.once("exit", stop);

  try {
    as.run("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ]);
  } catch (error) {
    stop();
    throw new Error(`initdb of the test cluster failed:\n${explain(error, logFile)}`, {
      cause: error,
    });
  }

  let port = 0;
  for (let attempt = 1; !running; attempt++) {
    port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c max_connections=300",
      // A throwaway cluster: crash safety of the test server itself is not under test.
      "-c fsync=off",
      "-c full_page_writes=off",
    ].join(" ");
    try {
      as.run("pg_ctl", [
        "start",
        "-D",
        dataDir,
        "-l",
        logFile,
        "-w",
        "-t",
        "60",
        "-o",
        serverOptions,
      ]);
      running = true;
    } catch (error) {
      // Another process may have taken the port between our probe and the start.
      if (attempt >= 3) {
        stop();
        throw new Error(`the test PostgreSQL did not start:\n${explain(error, logFile)}`, {
          cause: error,
        });
      }
    }
  }

  const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await createMigratedTemplate(databaseUrl);
  } catch (error) {
    stop();
    throw error;
  }
  project.provide("databaseUrl", databaseUrl);
  project.provide("migratedTemplate", MIGRATED_TEMPLATE);

  return async () => {
    process.removeListener("exit", stop);
    stop();
  };
}
