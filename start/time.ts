import { Settings } from 'luxon'

// Stored times are UTC whatever the host's zone; pages show Europe/Helsinki.
Settings.defaultZone = 'utc'
