import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  // Lets services log with the request's logger (and its request id): core/services/request_logger.ts.
  useAsyncLocalStorage: true,
  // Only these proxies may tell the client's address (X-Forwarded-For), which
  // sign-in throttling counts by: loopback by default, the load balancer's
  // addresses in production (TRUSTED_PROXIES, comma separated).
  trustProxy: proxyAddr.compile(
    env
      .get('TRUSTED_PROXIES', 'loopback')
      .split(',')
      .map((entry) => entry.trim())
  ),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
