/*
| Every module's declaration (app/<module>/module.ts), in the order the
| docs list them: each module after the ones it uses.
*/
import core from '#core/module'
import registry from '#registry/module'
import offers from '#offers/module'
import usage from '#usage/module'
import bulletin from '#bulletin/module'
import surveys from '#surveys/module'
import stats from '#stats/module'
import imports from '#imports/module'
import omakaiku from '#omakaiku/module'
import messaging from '#messaging/module'
import operations from '#operations/module'
import feedback from '#feedback/module'
import home from '#home/module'

export const MODULES = [
  core,
  registry,
  feedback,
  offers,
  usage,
  bulletin,
  surveys,
  stats,
  imports,
  omakaiku,
  messaging,
  operations,
  home,
]
