import { connection } from "next/server";
import { notFound } from "next/navigation";
import { listOutbox } from "@/lib/data/mail-outbox";
import { env } from "@/lib/env";

export const metadata = { title: "Mail outbox (development)" };

/**
 * The mail outbox, for developers: what Koppel would have e-mailed (approval requests and
 * decisions, invitations with their links). Only under `next dev`; everywhere else it is a 404.
 */
export default async function DevMailPage() {
  await connection();
  if (env.NODE_ENV !== "development") notFound();
  const messages = await listOutbox({ limit: 100 });
  return (
    <main className="mx-auto max-w-4xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Mail outbox</h1>
      <p className="text-sm text-slate-600">
        The newest 100 messages. {env.SMTP_URL ? "SMTP is configured: sent messages have a sent time." : "No SMTP_URL configured: nothing leaves this machine."}
      </p>
      <ol className="space-y-3">
        {messages.map((message) => (
          <li key={message.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-500">
              <span>
                #{message.id} · {message.kind} · to {message.toName} &lt;{message.toEmail}&gt;
              </span>
              <span>
                {message.createdAt.toISOString()} {message.sentAt ? `· sent ${message.sentAt.toISOString()}` : "· not sent"}
              </span>
            </div>
            <h2 className="mt-1 font-medium">{message.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap font-sans">{message.bodyText}</pre>
          </li>
        ))}
      </ol>
    </main>
  );
}
