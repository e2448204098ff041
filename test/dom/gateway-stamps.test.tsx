/**
 * The pane's stamps section names the gateway verdicts in plain words, in the pane's language,
 * and the gateway that handed the message to Microsoft 365.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { analyzeHeaders } from "../../src/analysis";
import { StampsSection } from "../../src/taskpane/StampsSection";
import { StringsContext } from "../../src/taskpane/strings-context";
import { de } from "../../src/taskpane/i18n/de";
import { en } from "../../src/taskpane/i18n/en";
import {
  block,
  intoGateway,
  MIMECAST_HOST,
  mimecastInFront,
  SENDER,
} from "../unit/analysis/gateways/fixtures";

afterEach(cleanup);

const HEADERS = block(
  ...mimecastInFront("SPM"),
  "X-Mimecast-Spam-Score: 3",
  ...intoGateway("relay.mimecast.com"),
  "X-Spam-Status: No, score=-9.9 required=5.0 tests=ALL_TRUSTED",
  ...SENDER,
);

describe("gateway verdicts in the stamps section", () => {
  it("shows each verdict and the gateway in front, in English", () => {
    render(
      <StringsContext.Provider value={en}>
        <StampsSection analysis={analyzeHeaders(HEADERS)} />
      </StringsContext.Provider>,
    );
    const gateways = within(screen.getByTestId("gateways"));
    expect(gateways.getByRole("heading", { name: "Email gateways" })).toBeTruthy();
    expect(
      gateways.getByText(`Mimecast handed this message to Microsoft 365 (${MIMECAST_HOST}).`),
    ).toBeTruthy();
    expect(gateways.getByText("Mimecast: scored")).toBeTruthy();
    expect(gateways.getByText("SpamAssassin: not spam")).toBeTruthy();
    expect(
      gateways.getByText(/SpamAssassin decided the message is not spam\..*not counted/),
    ).toBeTruthy();
  });

  it("speaks German when the pane does, whatever language the analysis was made in", () => {
    render(
      <StringsContext.Provider value={de}>
        <StampsSection analysis={analyzeHeaders(HEADERS)} />
      </StringsContext.Provider>,
    );
    const gateways = within(screen.getByTestId("gateways"));
    expect(gateways.getByRole("heading", { name: "E-Mail-Gateways" })).toBeTruthy();
    expect(gateways.getByText("SpamAssassin: kein Spam")).toBeTruthy();
    expect(gateways.getByText(/Wert 3\./)).toBeTruthy();
  });
});
