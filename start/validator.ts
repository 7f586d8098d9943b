import vine, { SimpleMessagesProvider } from '@vinejs/vine'

/*
| HTML5 validation is off in our forms, so the server's messages are the ones
| a user sees; the request's i18n provider replaces these defaults per
| language (detect_user_locale_middleware).
*/
vine.messagesProvider = new SimpleMessagesProvider({})
vine.convertEmptyStringsToNull = true
