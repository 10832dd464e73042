import { createServer, type Server } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "./db.server";
import { deliverEmail, sendEmail, writeOutboxEmail } from "./email.server";

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

/**
 * A tiny SMTP server on 127.0.0.1 that keeps what it receives: enough of the
 * protocol for nodemailer. `refuse` makes it reject every recipient.
 */
async function smtpStub(options: { refuse?: boolean } = {}) {
  const messages: string[] = [];
  const server: Server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    socket.write("220 stub ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 OK queued\r\n");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline === -1) return;
        const line = buffer.slice(0, newline).toUpperCase();
        buffer = buffer.slice(newline + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) socket.write("250-stub\r\n250 OK\r\n");
        else if (line.startsWith("RCPT") && options.refuse) socket.write("550 No such mailbox\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 Go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 Bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(resolve)) };
}

const newAddress = () => `${crypto.randomUUID()}@example.org`;

afterEach(() => {
  delete process.env.SMTP_URL;
});

describe("the outbox", () => {
  it("keeps account emails working as before: written, kind account, printed to the log without SMTP", async () => {
    const to = newAddress();
    await sendEmail({ to, subject: "Reset your password", text: "A link" });
    const rows = await prisma.outboxEmail.findMany({ where: { to }, select: { kind: true, headers: true, sentAt: true } });
    expect(rows).toEqual([{ kind: "account", headers: null, sentAt: null }]);
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining(`To: ${to}`));
  });

  it("writes an email with a dedupe key once, even when two writers race", async () => {
    const to = newAddress();
    const email = { to, subject: "Digest", text: "News", kind: "digest", dedupeKey: `test:${to}` };
    const ids = await Promise.all([writeOutboxEmail(email), writeOutboxEmail(email), writeOutboxEmail(email)]);
    expect(ids.filter(Boolean)).toHaveLength(1);
    expect(await prisma.outboxEmail.count({ where: { to } })).toBe(1);
  });
});

describe("delivery through SMTP", () => {
  it("passes the headers through, marks the email sent, and never sends it twice", async () => {
    const stub = await smtpStub();
    process.env.SMTP_URL = stub.url;
    try {
      const to = newAddress();
      const id = await writeOutboxEmail({
        to,
        subject: "Your weekly digest",
        text: "Plain text",
        html: "<p>HTML</p>",
        kind: "digest",
        headers: {
          "List-Unsubscribe": "<https://cme.example/email/unsubscribe?token=v1.abc.def>",
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      });
      await Promise.all([deliverEmail(id!), deliverEmail(id!)]);
      expect(stub.messages).toHaveLength(1);
      const raw = stub.messages[0]!.replace(/\r\n[ \t]+/g, " "); // unfold long header lines
      expect(raw).toContain("List-Unsubscribe: <https://cme.example/email/unsubscribe?token=v1.abc.def>");
      expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(raw).toContain(`To: ${to}`);
      expect(raw).toContain("Subject: Your weekly digest");
      const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: id! }, select: { sentAt: true } });
      expect(row.sentAt).toBeInstanceOf(Date);
      await deliverEmail(id!);
      expect(stub.messages).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it("reports a refused email and leaves it unsent, so that a retry can send it", async () => {
    const stub = await smtpStub({ refuse: true });
    process.env.SMTP_URL = stub.url;
    try {
      const id = await writeOutboxEmail({ to: newAddress(), subject: "Hello", text: "Text" });
      await expect(deliverEmail(id!)).rejects.toThrow();
      const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: id! }, select: { sentAt: true } });
      expect(row.sentAt).toBeNull();
    } finally {
      await stub.close();
    }
  });
});
