import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { findLoggedDocumentAfter, latestProtocolMessageId } from "@/lib/data/protocol-messages";
import { getMessageForStaff } from "./protocol-messages";
import { replayOutcome, type ReplayOutcome } from "./protocol-message-types";
import { replayOrderRequestForStaff } from "./purchase-orders";

/**
 * Replays a logged OrderRequest (replayOrderRequestForStaff: the stored document through the order
 * intake again, as its connection) and tells what that did, for the account manager: the intake
 * logs the document again with what it found (stored before → nothing twice; stored now → the order
 * number; refused → the reason), so the row logged after the replay started is read back.
 */
export async function replayMessageForStaff(staff: StaffUser, messageId: number): Promise<ReplayOutcome> {
  const message = await getMessageForStaff(staff, messageId);
  const before = await latestProtocolMessageId();
  const { code } = await replayOrderRequestForStaff(staff, messageId);
  const payloadId = typeof message.summary.payloadId === "string" ? message.summary.payloadId : null;
  const logged =
    payloadId !== null && message.connectionId !== null
      ? await findLoggedDocumentAfter({ connectionId: message.connectionId, type: message.type, payloadId, afterId: before })
      : null;
  return replayOutcome(logged, code);
}
