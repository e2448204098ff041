/**
 * What the pane's start-up loads in one piece beside Office.js (vite.config.ts puts it in the
 * analysis chunk, the page preloads it): the analysis engine, the rule module, the Office.js
 * adapter and the engine's warm-up. Imported only dynamically (message-state.ts), so that the
 * start-up code can still say that the pane could not load when this chunk cannot.
 */
export { analyzeHeaders } from "../analysis/analyze";
export { languageOf } from "../analysis/language";
export { remedyOf } from "../analysis/remedy";
export { createOfficeHost } from "../office/office-host";
export { warmUpEngine } from "./engine-warm-up";
