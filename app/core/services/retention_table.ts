import retentionConfig, { type RetentionRule } from '#config/retention'

function describePeriod(kept: RetentionRule['kept']) {
  if ('years' in kept) return `${kept.years} year${kept.years === 1 ? '' : 's'}`
  return `${kept.days} day${kept.days === 1 ? '' : 's'}`
}

/** The retention table of docs/DATA_PROTECTION.md (`node ace retention:table` prints it; a test compares). */
export function retentionMarkdownTable() {
  const rules: RetentionRule[] = Object.values(retentionConfig)
  return [
    '| rows | kept | after | removed by |',
    '|---|---|---|---|',
    ...rules.map(
      (rule) => `| ${rule.rows} | ${describePeriod(rule.kept)} | ${rule.after} | ${rule.module} |`
    ),
  ].join('\n')
}
