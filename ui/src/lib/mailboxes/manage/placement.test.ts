import { describe, expect, it } from "vitest";
import { placementEstimateCents, placementTestable, reportSummary } from "./placement";

describe("placement", () => {
  it("tests only ACTIVE mailboxes and estimates the cost", () => {
    expect(placementTestable({ status: "ACTIVE" })).toBe(true);
    expect(placementTestable({ status: "EXPIRED" })).toBe(false);
    expect(placementEstimateCents(3, false)).toBe(150);
    expect(placementEstimateCents(3, true)).toBe(350);
  });
  it("summarises a report", () => {
    const report = {
      inboxTest: { google: [{ folder: "INBOX" }, { folder: "SPAM" }], microsoft365: [{ folder: "INBOX" }] },
      spamassassin: { score: 1.2, threshold: 5 },
      blacklist: { listed: false },
    };
    expect(reportSummary({ status: "COMPLETED", report })).toBe("Gmail 1/2 inbox · Microsoft 1/1 inbox · SpamAssassin 1.2/5 · no blacklist");
    expect(reportSummary({ status: "PENDING", report: {} })).toBe("Running…");
  });
});
