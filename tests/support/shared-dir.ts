import path from "node:path";

/**
 * The shared project material (../shared: cXML examples and samples, official validators). The
 * test runner (tests/run-all.sh) exports KOPPEL_SHARED_DIR from tests/support/shared-dir.sh; run
 * directly, tests look beside the checkout.
 */
export const SHARED_DIR = path.resolve(process.env.KOPPEL_SHARED_DIR ?? path.resolve(process.cwd(), "../shared"));
export const UBL_VALIDATOR = path.join(SHARED_DIR, "validators/validate-ubl.sh");
export const CXML_VALIDATOR = path.join(SHARED_DIR, "validators/validate-cxml.sh");
