export * from "./contract";
export * from "./client";
export * from "./auth";
export * from "./retry-queue";
export * from "./graph";
export * from "./runtime-config";
export * from "./dialog-auth";
