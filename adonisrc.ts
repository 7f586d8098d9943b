import { indexEntities } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/mail/commands'),
    () => import('adonisjs-scheduler/commands'),
    () => import('#start/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/lock/lock_provider'),
    { file: () => import('adonisjs-scheduler/scheduler_provider'), environment: ['console'] },
  ],

  preloads: [
    () => import('#start/time'),
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/view'),
    () => import('#start/validator'),
    () => import('#start/events'),
    () => import('#start/ports'),
    { file: () => import('#start/scheduler'), environment: ['console'] },
  ],

  hooks: {
    init: [indexEntities()],
  },

  tests: {
    suites: [
      { files: ['tests/unit/**/*.spec.{ts,js}'], name: 'unit', timeout: 2000 },
      { files: ['tests/functional/**/*.spec.{ts,js}'], name: 'functional', timeout: 30000 },
      // Whole flows in Chromium: three times their time on an idle two-core machine, so a
      // busy machine (CI beside other work) slows them without failing them.
      { files: ['tests/browser/**/*.spec.{ts,js}'], name: 'browser', timeout: 180000 },
    ],
    forceExit: false,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/lang/**/*.{json,yaml,yml}', reloadServer: false },
    { pattern: 'resources/web_app/**', reloadServer: false },
    { pattern: 'database/data/**/*.json', reloadServer: false },
    // The import formats' example files, downloadable from the admin's import page.
    { pattern: 'docs/import-examples/**', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
  ],

  directories: {
    // Development tools' commands (stats:generate): bench/ is left out of the production
    // build (tsconfig.json), so there this folder is missing and the loader finds nothing.
    commands: 'bench/commands',
    migrations: 'database/migrations',
    seeders: 'database/seeders',
  },
})
