import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { IMPORT_KINDS } from '#core/services/import_kind'

const ImportsController = () => import('#imports/controllers/imports_controller')

/* Moving the old register's files in: the national centre only */
router
  .group(() => {
    const number = router.matchers.number()
    router.get('/imports', [ImportsController, 'index']).as('imports.index')
    // Multipart processed by the controller (bodyparser's processManually): the CSRF token
    // comes in the action's query string, since the body is read only after the check.
    router.post('/imports', [ImportsController, 'store']).as('imports.store')
    router.get('/imports/:id', [ImportsController, 'show']).where('id', number).as('imports.show')
    router
      .post('/imports/:id/import', [ImportsController, 'import'])
      .where('id', number)
      .as('imports.import')
    router
      .get('/imports/examples/:kind', [ImportsController, 'example'])
      .where('kind', new RegExp(`^(${IMPORT_KINDS.join('|')})$`))
      .as('imports.example')
    router
      .get('/imports/:id/report.csv', [ImportsController, 'report'])
      .where('id', number)
      .as('imports.report')
  })
  .use([middleware.auth(), middleware.role(['admin'])])
