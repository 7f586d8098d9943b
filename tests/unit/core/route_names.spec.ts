import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

/*
| Views, controllers and tests build every address from a route's name
| (urlFor, route(), toRoute), so a route without a name could only be
| reached by a hard-coded path.
*/
test.group('Route names', () => {
  test('every route has a name', async ({ assert }) => {
    // Booting the HTTP server commits the routes, as when the app starts.
    await server.boot()
    const routes = Object.values(router.toJSON()).flat()
    assert.isAbove(routes.length, 100, 'the app routes are loaded')
    const unnamed = routes
      .filter((route) => !route.name?.trim())
      .map((route) => `${route.methods.join(',')} ${route.pattern}`)
    assert.deepEqual(unnamed, [], 'routes without a name')
  })
})
