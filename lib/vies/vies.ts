/**
 * The European Commission's VIES, REST flavour: POST {countryCode, vatNumber, requesterMemberStateCode,
 * requesterNumber} to …/vies/rest-api/check-vat-number. With the requester (our own VAT id) the answer
 * carries a consultation number (`requestIdentifier`), the proof that we checked the number on that
 * day — what an intra-community supply at 0 % needs beside the invoice (art. 138 Directive
 * 2006/112/EC). VIES answers per member state and those have their maintenance hours: an
 * unavailable answer is never a verdict on the number. No Next, no database: the caller passes
 * `fetch` and keeps what this returns.
 */

/** VIES country codes: the EU member states (EL for Greece) and XI (Northern Ireland, goods). */
export const VIES_COUNTRIES = new Set([
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT",
  "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
]);

export const DEFAULT_VIES_URL = "https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number";

export interface ViesRequest {
  countryCode: string;
  vatNumber: string;
  requesterMemberStateCode?: string;
  requesterNumber?: string;
}

/** Splits a normalized VAT id ("DE811907980") for VIES; null when VIES does not cover its country. */
export function viesRequest(vatId: string, requesterVatId: string | null): ViesRequest | null {
  const countryCode = vatId.slice(0, 2);
  if (!VIES_COUNTRIES.has(countryCode) || vatId.length < 4) return null;
  const request: ViesRequest = { countryCode, vatNumber: vatId.slice(2) };
  const requesterCountry = requesterVatId?.slice(0, 2);
  if (requesterVatId && requesterCountry && VIES_COUNTRIES.has(requesterCountry)) {
    request.requesterMemberStateCode = requesterCountry;
    request.requesterNumber = requesterVatId.slice(2);
  }
  return request;
}

export interface ViesAnswer {
  outcome: "valid" | "invalid" | "unavailable";
  registeredName: string | null;
  registeredAddress: string | null;
  consultationNumber: string | null;
  /** Why there is no verdict (VIES's code, or http_NNN / not_json), or why VIES refused the input. */
  errorCode: string | null;
}

const unavailable = (errorCode: string): ViesAnswer => ({ outcome: "unavailable", registeredName: null, registeredAddress: null, consultationNumber: null, errorCode });

/** "---" (or blank) is how VIES says a member state does not disclose the trader's name or address. */
function disclosed(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.replace(/\s*\n\s*/g, ", ").trim();
  return text === "" || /^-+$/.test(text) ? null : text.slice(0, 500);
}

/**
 * What an HTTP answer of check-vat-number means. Lenient about shape (fields missing, errors as
 * `errorWrappers` or as `userError`), strict about the verdict: only a boolean `valid` with no error
 * is one. INVALID_INPUT is VIES refusing the number itself (a verdict); every other error code,
 * a non-JSON body or an HTTP error means "ask again later".
 */
export function parseViesAnswer(httpStatus: number, body: unknown): ViesAnswer {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return unavailable(httpStatus >= 400 ? `http_${httpStatus}` : "not_json");
  const answer = body as Record<string, unknown>;
  const wrapped = Array.isArray(answer.errorWrappers) ? (answer.errorWrappers[0] as { error?: unknown } | undefined) : undefined;
  const userError = typeof answer.userError === "string" ? answer.userError : null;
  const error = typeof wrapped?.error === "string" ? wrapped.error : userError && userError !== "VALID" && userError !== "INVALID" ? userError : null;
  if (error === "INVALID_INPUT") return { ...unavailable(error), outcome: "invalid" };
  if (error) return unavailable(error.slice(0, 100));
  if (answer.actionSucceed === false) return unavailable("action_failed");
  if (httpStatus >= 400) return unavailable(`http_${httpStatus}`);
  if (typeof answer.valid !== "boolean") return unavailable("no_verdict");
  const consultationNumber = typeof answer.requestIdentifier === "string" && answer.requestIdentifier.trim() !== "" ? answer.requestIdentifier.trim().slice(0, 100) : null;
  return answer.valid
    ? { outcome: "valid", registeredName: disclosed(answer.name), registeredAddress: disclosed(answer.address), consultationNumber, errorCode: null }
    : { outcome: "invalid", registeredName: null, registeredAddress: null, consultationNumber, errorCode: null };
}

/** Asks VIES about one VAT id; never throws for network trouble (that is an unavailable answer). */
export async function askVies(
  request: ViesRequest,
  options: { url: string; fetch: typeof fetch; timeoutMs?: number },
): Promise<ViesAnswer> {
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return unavailable((error as Error).name === "TimeoutError" ? "timeout" : "network");
  }
  const text = await response.text().catch(() => "");
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return parseViesAnswer(response.status, body);
}
