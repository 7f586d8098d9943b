import { defineModule } from '#core/module_definition'

export default defineModule({
  name: 'operations',
  purpose:
    'the health endpoints, Prometheus metrics (the one place where metrics are defined; refusals are counted from usage’s `use:refused` event), the access log',
  owns: {},
  reads: {},
  uses: { messaging: ['outbox_health'] },
})
