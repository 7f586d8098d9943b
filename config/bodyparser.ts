import { defineConfig } from '@adonisjs/core/bodyparser'

export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    // The longest fields (10,000 characters: bulletin posts, offer texts) can
    // take 60 kB and more once URL-encoded (ä is %C3%A4); the default is 56 kB.
    limit: '512kb',
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    // Import files can be far larger than `limit`: the imports controller streams them itself.
    processManually: ['/imports'],
    limit: '2mb',
    types: ['multipart/form-data'],
  },
})
