/*
| Each module keeps its own routes file under start/routes/.
*/
import '#start/routes/core'
import '#start/routes/registry'
