import { describe, expect, it } from "vitest";
import { IMAGE_URL_PORTS, imageNameOfUrl, imageUrlsFromText, MAX_IMAGE_URL_LENGTH, mayBeImageContentType, parseImageUrl, portOfUrl, usesWebPort } from "@/lib/catalog/remote-image";

describe("parseImageUrl", () => {
  it.each([
    ["https", "https://cdn.example.com/p/KP-1.jpg", "https://cdn.example.com/p/KP-1.jpg"],
    ["http with port and query", "http://pim.example.com:8080/export?id=7", "http://pim.example.com:8080/export?id=7"],
    ["surrounding spaces", "  https://cdn.example.com/a.png  ", "https://cdn.example.com/a.png"],
    ["fragment dropped", "https://cdn.example.com/a.png#zoom", "https://cdn.example.com/a.png"],
    ["IPv6 literal", "http://[2606:4700::1]/a.jpg", "http://[2606:4700::1]/a.jpg"],
    ["exactly the longest", `https://cdn.example.com/${"a".repeat(MAX_IMAGE_URL_LENGTH - 24)}`, `https://cdn.example.com/${"a".repeat(MAX_IMAGE_URL_LENGTH - 24)}`],
  ])("accepts %s", (_label, text, href) => {
    const parsed = parseImageUrl(text);
    expect(parsed.ok && parsed.url.href).toBe(href);
  });

  it.each([
    ["empty", "", "empty"],
    ["blank", "   ", "empty"],
    ["one character too long", `https://cdn.example.com/${"a".repeat(MAX_IMAGE_URL_LENGTH - 23)}`, "too_long"],
    ["not a URL", "cdn.example.com/a.jpg", "syntax"],
    ["no host", "http://", "syntax"],
    ["ftp", "ftp://cdn.example.com/a.jpg", "scheme"],
    ["file", "file:///etc/passwd", "scheme"],
    ["data", "data:image/png;base64,iVBORw0KGgo=", "scheme"],
    ["javascript", "javascript:alert(1)", "scheme"],
    ["gopher", "gopher://127.0.0.1:6379/_INFO", "scheme"],
    ["user name", "https://user@cdn.example.com/a.jpg", "credentials"],
    ["user name and password", "https://user:secret@cdn.example.com/a.jpg", "credentials"],
    ["password only", "https://:secret@cdn.example.com/a.jpg", "credentials"],
  ])("refuses %s", (_label, text, reason) => {
    expect(parseImageUrl(text)).toEqual({ ok: false, problem: "image_url_invalid", reason });
  });
});

describe("usesWebPort: the usual web ports of the URL's scheme only", () => {
  it("is 80/8080 for http and 443/8443 for https", () => {
    expect(IMAGE_URL_PORTS).toEqual({ "http:": [80, 8080], "https:": [443, 8443] });
  });

  it.each([
    ["http://cdn.example.com/a.jpg", 80],
    ["http://cdn.example.com:80/a.jpg", 80],
    ["http://pim.example.com:8080/export?id=7", 8080],
    ["https://cdn.example.com/a.jpg", 443],
    ["https://cdn.example.com:443/a.jpg", 443],
    ["https://cdn.example.com:8443/a.jpg", 8443],
    ["http://[2606:4700::1]:8080/a.jpg", 8080],
  ])("allows %s (port %i)", (href, port) => {
    expect(portOfUrl(new URL(href))).toBe(port);
    expect(usesWebPort(new URL(href))).toBe(true);
  });

  it.each([
    ["SMTP", "http://mail.example.com:25/a.jpg", 25],
    ["SSH", "https://host.example.com:22/a.jpg", 22],
    ["Redis", "http://cache.example.com:6379/a.jpg", 6379],
    ["memcached on IPv6", "http://[2606:4700::1]:11211/a.jpg", 11211],
    ["https on http's port", "https://cdn.example.com:80/a.jpg", 80],
    ["http on https's port", "http://cdn.example.com:443/a.jpg", 443],
    ["https on 8080", "https://cdn.example.com:8080/a.jpg", 8080],
    ["http on 8443", "http://cdn.example.com:8443/a.jpg", 8443],
    ["a random high port", "http://cdn.example.com:49152/a.jpg", 49152],
  ])("refuses %s", (_label, href, port) => {
    expect(portOfUrl(new URL(href))).toBe(port);
    expect(usesWebPort(new URL(href))).toBe(false);
  });

  it("refuses every port of another scheme", () => {
    expect(usesWebPort(new URL("ftp://files.example.com/a.jpg"))).toBe(false);
  });
});

describe("the form's URL list", () => {
  it("takes one URL per line, skipping blank lines and repeats", () => {
    expect(imageUrlsFromText("https://a.example/1.jpg\r\n\n  https://a.example/2.jpg \nhttps://a.example/1.jpg\n")).toEqual(["https://a.example/1.jpg", "https://a.example/2.jpg"]);
    expect(imageUrlsFromText(" \n ")).toEqual([]);
  });
});

describe("mayBeImageContentType", () => {
  it.each([
    ["image/jpeg", true],
    ["image/png; charset=binary", true],
    ["IMAGE/WEBP", true],
    ["application/octet-stream", true],
    ["binary/octet-stream", true],
    [null, true],
    ["", true],
    ["image/svg+xml", false],
    ["image/svg+xml; charset=utf-8", false],
    ["text/html; charset=utf-8", false],
    ["application/json", false],
    ["application/pdf", false],
  ])("%s → %s", (type, expected) => {
    expect(mayBeImageContentType(type)).toBe(expected);
  });
});

describe("imageNameOfUrl", () => {
  it.each([
    ["https://cdn.example.com/p/KP-1%20voor.jpg?w=800", "KP-1 voor.jpg"],
    ["https://cdn.example.com/p/", "p"],
    ["https://cdn.example.com/", "cdn.example.com"],
    ["https://cdn.example.com/%E0%A4%A", "%E0%A4%A"],
  ])("%s → %s", (href, name) => {
    expect(imageNameOfUrl(new URL(href))).toBe(name);
  });
});
