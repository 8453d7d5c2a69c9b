import { NextResponse, type NextRequest } from "next/server";

/**
 * The API answers both `/api/v1/sites/` (as the spec writes paths) and `/api/v1/sites`, with no
 * redirect: a trailing slash is removed by an internal rewrite.
 */
export function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  if (pathname.length > 1 && pathname.endsWith("/")) {
    const url = req.nextUrl.clone();
    url.pathname = pathname.replace(/\/+$/, "");
    return NextResponse.rewrite(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/api/:path*"] };
