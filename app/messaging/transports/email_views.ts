import { Edge } from 'edge.js'
import app from '@adonisjs/core/services/app'

/*
| The holder e-mail's HTML and text parts. They are rendered by an Edge
| instance of their own, which compiles each template once: the app's shared
| instance compiles again on every render outside production, and in every
| environment looks through the components folder before each render. A
| worker sending thousands of mails a minute spent a third of its time there.
*/
let views: Edge | undefined

function engine() {
  views ??= Edge.create({ cache: true }).mount(app.viewsPath())
  return views
}

export async function renderHolderEmail(data: Record<string, unknown>) {
  const [html, text] = await Promise.all([
    engine().render('emails/holder_message', data),
    engine().render('emails/holder_message_text', data),
  ])
  return { html, text }
}
