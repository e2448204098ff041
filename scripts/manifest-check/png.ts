import { openSync, readSync, closeSync } from "node:fs";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
export function readPngSize(path: string): { width: number; height: number } | null {
  const header = Buffer.alloc(24);
  const fd = openSync(path, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, 24, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 24 || SIGNATURE.some((byte, i) => header[i] !== byte)) return null;
  if (header.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}
