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

  // An htmx form answered with an error (a refused CSRF token after a long
  // pause, a server error) is sent again the plain way, so the user sees the
  // server's page about it rather than a form that no longer answers.
  document.addEventListener('htmx:responseError', function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt
    if (!form || form.tagName !== 'FORM' || form.dataset.plainRetry) return
    form.dataset.plainRetry = 'true'
    HTMLFormElement.prototype.submit.call(form)
  })

  // htmx swaps are silent: say what changed (WCAG 4.1.3). Result lists carry
  // their own summary; a field checked as it changed announces its message.
  document.addEventListener('htmx:afterSettle', function (event) {
    var live = document.getElementById('live-region')
    if (!live) return
    var target = event.detail.target
    var summary = target && target.isConnected && target.querySelector('[data-announce]')
    if (summary) {
      live.textContent = summary.getAttribute('data-announce')
      return
    }
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt
    if (trigger && trigger.name) {
      var error = document.getElementById(trigger.name + '-error')
      live.textContent = error ? error.textContent : ''
    }
  })

  // Where the browser can read QR codes (BarcodeDetector, for example Chrome on
  // Android), the registration page offers the camera; typing and keyboard-wedge
  // scanners work everywhere without it.
  function offerCameraScan() {
    var button = document.querySelector('[data-scan-for]')
    if (!button || !('BarcodeDetector' in window) || !navigator.mediaDevices) return
    var input = document.getElementById(button.getAttribute('data-scan-for'))
    button.hidden = false
    button.addEventListener('click', function () {
      var video = document.createElement('video')
      video.setAttribute('playsinline', '')
      video.setAttribute('aria-hidden', 'true')
      video.className = 'scan-video'
      button.after(video)
      var detector = new window.BarcodeDetector({ formats: ['qr_code', 'code_128'] })
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' } })
        .then(function (stream) {
          video.srcObject = stream
          var stop = function () {
            stream.getTracks().forEach(function (track) {
              track.stop()
            })
            video.remove()
          }
          var look = function () {
            detector.detect(video).then(function (codes) {
              if (!codes.length) return window.requestAnimationFrame(look)
              stop()
              input.value = codes[0].rawValue
              if (button.getAttribute('data-scan-then') === 'check') checkCode(input)
              else input.form.requestSubmit()
            }, stop)
          }
          return video.play().then(look)
        })
        .catch(function () {
          video.remove()
          input.focus()
        })
    })
  }

  // A card form's code field: a keyboard-wedge scanner types the code and
  // Enter. Enter checks the code (htmx listens for change) instead of sending
  // a half-filled form; once the answer is in, focus moves on to the next
  // field, or stays on the code if it was refused.
  function checkCode(input) {
    var fields = Array.prototype.filter.call(input.form.elements, function (field) {
      return !field.hidden && field.type !== 'hidden' && field.tagName !== 'BUTTON' && field.id
    })
    var next = fields[fields.indexOf(input) + 1]
    var nextId = next ? next.id : null
    document.addEventListener(
      'htmx:afterSettle',
      function () {
        var refused = document.getElementById('code-error')
        var target = refused || !nextId ? 'code' : nextId
        document.getElementById(target).focus()
      },
      { once: true }
    )
    var printed = input.form.querySelector('input[name=codeSource][value=printed]')
    if (printed) printed.checked = true
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }

  document.addEventListener('keydown', function (event) {
    var input = event.target
    if (event.key !== 'Enter' || !input.hasAttribute || !input.hasAttribute('data-enter-checks')) {
      return
    }
    event.preventDefault()
    checkCode(input)
  })

  // After a refused card the code field keeps focus with its text selected,
  // so a scanner's next code + Enter replaces it (the refusal is announced).
  function selectRefusedCode() {
    var code = document.querySelector('[data-card-refusal]') && document.getElementById('code')
    if (!code) return false
    code.focus()
    code.select()
    return true
  }

  // The box office's answer from htmx (the form and the answer above it, swapped
  // in): focus goes back to the code field for the next card, selected after
  // a refusal, or to the error summary. A refusal is an alert that speaks for
  // itself; a registration is said through the live region.
  document.addEventListener('htmx:afterSettle', function (event) {
    var target = event.detail.target
    if (!target || target.id !== 'box-office') return
    // The page's own messages (from before the answers came in place) are old now.
    document.querySelectorAll('[data-flash]').forEach(function (notice) {
      notice.remove()
    })
    var live = document.getElementById('live-region')
    var registered = document.querySelector('[data-registered]')
    if (live) live.textContent = registered ? registered.textContent.trim() : ''
    if (document.querySelector('[data-error-summary]')) focusErrorSummary()
    else selectRefusedCode() || document.getElementById('code').focus()
    offerCameraScan()
  })

  document.addEventListener('DOMContentLoaded', focusErrorSummary)
  document.addEventListener('DOMContentLoaded', selectRefusedCode)
  document.addEventListener('DOMContentLoaded', offerCameraScan)
})()
