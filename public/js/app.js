// Small enhancements on top of pages that work without JavaScript.
;(function () {
  // The error summary takes focus so a screen reader user hears what to fix.
  function focusErrorSummary() {
    var summary = document.querySelector('[data-error-summary]')
    if (summary) summary.focus()
  }

  // A form marked data-once cannot be sent twice by a double click; the server
  // also refuses a repeated submission key, this only spares the round trip.
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!form.hasAttribute('data-once')) return
    if (form.dataset.sent) {
      event.preventDefault()
      return
    }
    form.dataset.sent = 'true'
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.setAttribute('aria-disabled', 'true')
    })
  })

  // After htmx swaps results in, say how many there are (WCAG 4.1.3).
  document.addEventListener('htmx:afterSwap', function (event) {
    var announce = event.detail.target.querySelector('[data-announce]')
    var live = document.getElementById('live-region')
    if (announce && live) live.textContent = announce.getAttribute('data-announce')
  })

  document.addEventListener('DOMContentLoaded', focusErrorSummary)
})()
