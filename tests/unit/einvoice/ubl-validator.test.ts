/**
 * Runs every generated document through the official XSD + CEN + Peppol (or SI-UBL) rules in ONE
 * validate-ubl.sh call (one JVM; EINVOICE.md §1). Skips locally without the tools; fails in CI.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildUblXml } from "@/lib/einvoice/build-ubl";
import { validateInvoiceInput } from "@/lib/einvoice/calculate";
import { SCENARIOS } from "./scenarios";
import { UBL_VALIDATOR } from "@/tests/support/shared-dir";

const VALIDATOR = UBL_VALIDATOR;
const SAXON_JAR = process.env.SAXON_JAR ?? "/usr/share/java/Saxon-HE.jar";

function validatorMissing(): string | null {
  if (!existsSync(VALIDATOR)) return `validator script not found at ${VALIDATOR}`;
  if (!existsSync(SAXON_JAR)) return `Saxon-HE jar not found at ${SAXON_JAR}`;
  try {
    execFileSync("sh", ["-c", "command -v xmllint && command -v java"], { stdio: "ignore" });
  } catch {
    return "xmllint or java is not installed (run install-validators.sh)";
  }
  return null;
}

interface Finding {
  file: string;
  set: string;
  flag: string;
  rule: string;
  line: string;
}

/** `<file> [SET] <flag> <rule-id> @ <xpath> : <text>` (EINVOICE.md §1). */
function parseFindings(stdout: string, files: string[]): Finding[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const file = files.find((f) => line.startsWith(`${f} `));
      const [set = "", flag = "", rule = ""] = (file ? line.slice(file.length + 1) : line).split(" ");
      return { file: file ?? "?", set, flag, rule, line };
    });
}

const missing = validatorMissing();

it("every validator scenario is valid input", () => {
  expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
  for (const { label, doc } of SCENARIOS) expect([label, validateInvoiceInput(doc)]).toEqual([label, []]);
});

describe.skipIf(missing !== null && !process.env.CI)("Peppol BIS 3 / NLCIUS schematron validation", () => {
  let dir: string | undefined;
  let keepDir = false;
  afterAll(() => {
    if (dir && !keepDir) rmSync(dir, { recursive: true, force: true });
  });

  it(`${SCENARIOS.length} generated documents pass XSD + schematron with no fatal finding`, async () => {
    if (missing) throw new Error(`UBL validator unavailable: ${missing}`);
    const outDir = (dir = mkdtempSync(join(tmpdir(), "koppel-ubl-")));

    const files = SCENARIOS.map(({ label, doc, profile }, i) => {
      const file = join(outDir, `${String(i + 1).padStart(2, "0")}-${label}.xml`);
      writeFileSync(file, buildUblXml(doc, profile));
      return file;
    });
    // A canary with a broken total proves that findings are reported and parsed.
    const canary = join(outDir, "zz-canary-broken-total.xml");
    const canarySource = buildUblXml(SCENARIOS[0]!.doc).replace(
      /<cbc:PayableAmount currencyID="EUR">[^<]+</,
      '<cbc:PayableAmount currencyID="EUR">0.01<',
    );
    writeFileSync(canary, canarySource);

    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("sh", [VALIDATOR, ...files, canary], { maxBuffer: 64 * 1024 * 1024, timeout: 170_000 }, (error, out, err) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: out, stderr: err }),
      );
    });
    if (code !== 0 && code !== 1) {
      keepDir = true;
      throw new Error(`validate-ubl.sh setup error (exit ${code}):\n${stderr}`);
    }

    const findings = parseFindings(stdout, [...files, canary]);
    const fatal = (f: Finding) => f.flag === "fatal" || f.flag === "error";
    const processed = stderr.split("\n").filter((line) => line.startsWith("# ") && line.includes(": root=")).length;
    expect(processed, "every file reached the schematron stage").toBe(files.length + 1);
    expect(findings.filter((f) => f.file === canary && fatal(f)).map((f) => f.rule)).toContain("BR-CO-16");

    const problems = findings.filter((f) => f.file !== canary && fatal(f));
    const warnings = findings.filter((f) => f.file !== canary && !fatal(f));
    console.info(
      `validate-ubl.sh: ${files.length} documents, ${problems.length} fatal findings, ${warnings.length} warnings` +
        warnings.map((w) => `\n  ${w.line}`).join(""),
    );
    if (problems.length > 0) keepDir = true;
    expect(problems.map((f) => f.line), `documents kept in ${outDir}`).toEqual([]);
  }, 180_000);
});
