import path from "node:path";

/**
 * The shared project material (../shared: cXML examples and samples, official validators). The
 * test runner (tests/run-all.sh) exports KOPPEL_SHARED_DIR from tests/support/shared-dir.sh; run
 * directly, tests look beside the checkout.
 */
export const SHARED_DIR = path.resolve(process.env.KOPPEL_SHARED_DIR ?? path.resolve(process.cwd(), "../shared"));
export const UBL_VALIDATOR = path.join(SHARED_DIR, "validators/validate-ubl.sh");
export const CXML_VALIDATOR = path.join(SHARED_DIR, "validators/validate-cxml.sh");
/** BMEcat 2005 as real files use it (namespace …/bmecat/2005; assets/bmecat/SOURCES.md): xmllint --schema. */
export const PEPPOL_ORDER_VALIDATOR = path.join(SHARED_DIR, "validators/validate-peppol-order.sh");
export const BMECAT_2005_XSD = path.join(SHARED_DIR, "validators/assets/bmecat/2005/bmecat_2005.ns2005.derived.xsd");
