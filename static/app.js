// LLW pages: small enhancements on top of forms that work without JavaScript.
// - report form: live totals and population checks, table rows added and removed in place,
//   autosave of the draft to the server, and a copy in this browser (localStorage) that is
//   offered back after a dropped connection or a closed tab; a stale save is announced.
// - evidence: files uploaded one after another with a progress bar and a retry button.
// - print buttons; review comments required before a return or reopen is sent.
// - new campaign: the name and dates follow the year while they are still its defaults.
(function () {
  'use strict';

  function formatNumber(value) {
    var negative = value < 0;
    var rounded = Math.round(Math.abs(value) * 10) / 10;
    var parts = String(rounded).split('.');
    var grouped = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return (negative ? '-' : '') + grouped + (parts[1] ? ',' + parts[1] : '');
  }

  // The server's one rate format (format_vietnamese_rate): always one decimal, "77,0%";
  // an em dash when there is nothing to divide by, and no impossible rate above 100 % while a
  // count is larger than the unit (the check beside the box says which).
  function formatRate(numerator, denominator) {
    if (!(denominator > 0)) return '\u2014';
    if (numerator > denominator) return 'chưa tính được (số người tham gia nhiều hơn số người của đơn vị)';
    var tenths = Math.round(numerator / denominator * 1000);
    var whole = String(Math.floor(tenths / 10)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return whole + ',' + (tenths % 10) + '%';
  }

  function parseCount(text) {
    text = String(text || '').trim();
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    if (/^\d{1,3}(\.\d{3})+$/.test(text)) return parseInt(text.replace(/\./g, ''), 10);
    return NaN;
  }

  function timeNow() {
    var d = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + ':' + two(d.getMinutes());
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.hasAttribute && target.hasAttribute('data-print')) window.print();
  });

  // Review forms (return, reopen): a comment the server requires is checked here first, with the
  // server's Vietnamese words under the box instead of the browser's own bubble (the forms are
  // novalidate; without JavaScript the server answers the same message).
  document.addEventListener('submit', function (event) {
    var box = event.target.querySelector && event.target.querySelector('textarea[data-required-message]');
    if (!box || box.value.trim() !== '') return;
    event.preventDefault();
    var message = document.getElementById(box.id + '-required');
    if (!message) {
      message = document.createElement('p');
      message.id = box.id + '-required';
      message.className = 'field-error';
      message.setAttribute('role', 'alert');
      box.parentNode.insertBefore(message, box.nextSibling);
    }
    message.textContent = box.getAttribute('data-required-message');
    box.setAttribute('aria-invalid', 'true');
    box.setAttribute('aria-describedby', message.id);
    box.focus();
  });

  // New campaign: changing the year moves the name and the dates still on the previous year's
  // defaults to the new year; anything typed by hand stays.
  var newCampaign = document.getElementById('campaign-new');
  if (newCampaign) {
    var yearInput = document.getElementById('year');
    var lastYear = yearInput.value;
    yearInput.addEventListener('input', function () {
      var year = yearInput.value.trim();
      if (!/^\d{4}$/.test(year) || !/^\d{4}$/.test(lastYear)) return;
      var name = document.getElementById('name');
      if (name.value === 'Tuần lễ hưởng ứng học tập suốt đời năm ' + lastYear) {
        name.value = 'Tuần lễ hưởng ứng học tập suốt đời năm ' + year;
      }
      var dates = newCampaign.querySelectorAll('[data-year-date]');
      for (var i = 0; i < dates.length; i++) {
        var value = dates[i].value;
        if (value.slice(-5) === '/' + lastYear) dates[i].value = value.slice(0, -4) + year;
      }
      lastYear = year;
    });
  }

  // File uploads (the unit import): a file over the server's limit is refused here, before it is
  // sent, with the server's own words (data-too-large-message); the server answers the same
  // message with status 413 when it gets one anyway.
  function tooLargeFile(input) {
    var limit = parseInt(input.getAttribute('data-max-bytes'), 10);
    var file = input.files && input.files[0];
    return file && limit > 0 && file.size > limit;
  }
  function showUploadMessage(input, text) {
    var message = document.getElementById('import-message');
    if (!message) {
      message = document.createElement('p');
      message.id = 'import-message';
      message.className = 'alert error';
      message.setAttribute('role', 'alert');
      input.form.parentNode.insertBefore(message, input.form);
    }
    message.textContent = text;
    message.hidden = !text;
  }
  var uploads = document.querySelectorAll('input[type=file][data-max-bytes]');
  for (var u = 0; u < uploads.length; u++) {
    uploads[u].addEventListener('change', function (event) {
      var input = event.target;
      showUploadMessage(input, tooLargeFile(input) ? input.getAttribute('data-too-large-message') : '');
    });
    uploads[u].form.addEventListener('submit', function (event) {
      var input = event.target.querySelector('input[type=file][data-max-bytes]');
      if (!input || !tooLargeFile(input)) return;
      event.preventDefault();
      showUploadMessage(input, input.getAttribute('data-too-large-message'));
      input.focus();
    });
  }

  // Evidence (minh chứng): the upload form sends its files one after another with a progress bar
  // each (XMLHttpRequest, "ajax=1"); a file refused by the server keeps the server's message, a
  // file lost to a dropped connection gets a "Tải lại" button that sends the same file again. The
  // list of attachments is then read again from the page, so it is the server's own. Without
  // JavaScript the form posts one file and the server answers with the page.
  var evidenceForm = document.getElementById('evidence-form');
  if (evidenceForm && window.XMLHttpRequest && window.FormData) {
    var evidenceQueue = document.getElementById('evidence-queue');
    var evidenceInputs = [document.getElementById('evidence-file'), document.getElementById('evidence-camera')];
    var evidenceMax = parseInt(evidenceForm.getAttribute('data-max-bytes'), 10) || 0;
    var evidenceWaiting = [];
    var evidenceBusy = false;
    evidenceInputs[0].multiple = true;

    var refreshEvidence = function () {
      var request = new XMLHttpRequest();
      request.open('GET', location.pathname);
      request.responseType = 'document';
      request.onload = function () {
        var fresh = request.response;
        if (request.status !== 200 || !fresh) return;
        ['evidence-list', 'evidence-title'].forEach(function (id) {
          var mine = document.getElementById(id);
          var theirs = fresh.getElementById(id);
          if (mine && theirs) mine.innerHTML = theirs.innerHTML;
        });
        var empty = document.getElementById('evidence-empty');
        if (empty) empty.hidden = !!fresh.querySelector('#evidence-list li');
        if (!fresh.getElementById('evidence-form')) {
          evidenceForm.hidden = true;
          var full = fresh.getElementById('evidence-full');
          if (full) evidenceForm.parentNode.appendChild(document.importNode(full, true));
        }
      };
      request.send();
    };

    var messageFor = function (request) {
      var body = null;
      try { body = JSON.parse(request.responseText); } catch (e) { body = null; }
      if (body && body.message) return body.message;
      if (request.status === 413) return 'Tệp vượt quá giới hạn 10 MB mỗi tệp. Hãy thu nhỏ ảnh hoặc tách tài liệu rồi tải lên lại.';
      if (request.status === 403) return 'Bạn không có quyền thêm minh chứng vào báo cáo này, hoặc phiên làm việc đã hết hạn. Hãy tải lại trang.';
      return 'Máy chủ chưa nhận được tệp (lỗi ' + request.status + '). Hãy thử lại sau ít phút.';
    };

    var sendNext = function () {
      if (evidenceBusy || evidenceWaiting.length === 0) return;
      evidenceBusy = true;
      var job = evidenceWaiting.shift();
      var data = new FormData();
      data.append('csrf', evidenceForm.elements.csrf.value);
      data.append('ajax', '1');
      data.append('caption', job.caption);
      data.append('item', job.item);
      data.append('file', job.file, job.file.name);
      var request = new XMLHttpRequest();
      job.progress.hidden = false;
      job.progress.value = 0;
      job.retry.hidden = true;
      job.state.textContent = 'Đang tải lên…';
      job.row.className = 'sending';
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) job.progress.value = Math.round(event.loaded / event.total * 100);
      };
      var finish = function () { evidenceBusy = false; sendNext(); };
      request.onload = function () {
        job.progress.hidden = true;
        if (request.status === 201) {
          job.row.className = 'done';
          job.state.textContent = 'Đã tải lên.';
          refreshEvidence();
        } else if (request.status >= 500) {
          job.row.className = 'failed';
          job.state.textContent = messageFor(request);
          job.retry.hidden = false;
        } else {
          job.row.className = 'refused';
          job.state.textContent = messageFor(request);
        }
        finish();
      };
      request.onerror = request.ontimeout = function () {
        job.progress.hidden = true;
        job.row.className = 'failed';
        job.state.textContent = 'Mất kết nối khi tải lên. Tệp chưa được lưu.';
        job.retry.hidden = false;
        finish();
      };
      request.open('POST', evidenceForm.action);
      request.send(data);
    };

    var queueFile = function (file, caption, item) {
      var row = document.createElement('li');
      var name = document.createElement('span');
      name.className = 'name';
      name.textContent = file.name;
      var progress = document.createElement('progress');
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute('aria-label', 'Tiến độ tải lên ' + file.name);
      var state = document.createElement('span');
      state.className = 'state';
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'secondary';
      retry.textContent = 'Tải lại';
      retry.hidden = true;
      row.appendChild(name);
      row.appendChild(progress);
      row.appendChild(state);
      row.appendChild(retry);
      evidenceQueue.appendChild(row);
      var job = { file: file, caption: caption, item: item, row: row, progress: progress, state: state, retry: retry };
      retry.addEventListener('click', function () {
        retry.hidden = true;
        state.textContent = 'Đang chờ…';
        evidenceWaiting.push(job);
        sendNext();
      });
      if (evidenceMax > 0 && file.size > evidenceMax) {
        progress.hidden = true;
        row.className = 'refused';
        state.textContent = 'Tệp vượt quá giới hạn 10 MB mỗi tệp. Hãy thu nhỏ ảnh hoặc tách tài liệu rồi tải lên lại.';
        return;
      }
      if (file.size === 0) {
        progress.hidden = true;
        row.className = 'refused';
        state.textContent = 'Tệp rỗng (0 byte). Hãy chọn lại tệp minh chứng.';
        return;
      }
      state.textContent = 'Đang chờ…';
      evidenceWaiting.push(job);
    };

    evidenceForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var caption = evidenceForm.elements.caption.value;
      // By id: `elements.item` is the collection's item() method, not the select named "item".
      var itemSelect = document.getElementById('evidence-item');
      var item = itemSelect ? itemSelect.value : '';
      var count = 0;
      evidenceInputs.forEach(function (input) {
        if (!input || !input.files) return;
        for (var i = 0; i < input.files.length; i++) { queueFile(input.files[i], caption, item); count++; }
        input.value = '';
      });
      var serverError = document.getElementById('evidence-error');
      if (serverError) serverError.hidden = true;
      if (count === 0) {
        var row = document.createElement('li');
        row.className = 'refused';
        row.textContent = 'Chưa chọn tệp minh chứng. Hãy chọn ảnh hoặc tệp rồi bấm “Tải lên”.';
        evidenceQueue.appendChild(row);
        return;
      }
      evidenceForm.elements.caption.value = '';
      sendNext();
    });
  }

  var form = document.getElementById('report-form');
  if (!form) return;
  var page = document.getElementById('report-page');
  var storageKey = page.getAttribute('data-storage-key');
  var versionInput = document.getElementById('report-version');
  var status = document.getElementById('autosave-status');
  var dirty = false;
  var saving = false;
  var stale = false;
  var timer = null;

  function setStatus(text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = 'autosave no-print' + (kind ? ' ' + kind : '');
  }

  // --- Values of the form as name/value pairs (the same the server reads). -------------------
  function fieldPairs() {
    var pairs = [];
    var elements = form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (!el.name || el.disabled) continue;
      if (el.name === 'csrf' || el.name === 'action' || el.name === 'version') continue;
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) continue;
      if (el.type === 'submit' || el.type === 'button') continue;
      pairs.push([el.name, el.value]);
    }
    return pairs;
  }

  // `sent`: the copy goes with a form post; the page that answers a successful one drops it.
  function keepCopy(sent) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        pairs: fieldPairs(), base: versionInput.value, at: new Date().toISOString(), sent: !!sent
      }));
    } catch (e) { /* storage full or disabled: autosave still works */ }
  }

  function dropCopy() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  }

  // --- Live checks: one message box per field (the server's "<id>-err"), the same rules as the
  // server in its order (a number first, then the unit's headcount, then "Có" for a count). ---
  function errorBox(input) { return document.getElementById(input.id + '-err'); }

  function yesChosen(name) {
    var radio = form.querySelector('input[type=radio][name="' + name + '"][value="co"]');
    return !!(radio && radio.checked);
  }

  function clientMessage(input) {
    var text = input.value.trim();
    if (text === '') return '';
    var value = parseCount(text);
    if (isNaN(value)) {
      return input.getAttribute('inputmode') === 'numeric'
        ? 'Hãy nhập một số nguyên không âm, chỉ gồm chữ số (ví dụ 12 hoặc 1.155).' : '';
    }
    var limit = input.getAttribute('data-limit');
    if (limit !== null && value > parseInt(limit, 10)) {
      return input.getAttribute('data-limit-message') ||
        'Số này không được lớn hơn số của đơn vị (' + formatNumber(parseInt(limit, 10)) + ').';
    }
    var needsYes = input.getAttribute('data-needs-yes');
    if (needsYes && value !== 0 && !yesChosen(needsYes)) {
      return input.getAttribute('data-needs-yes-message');
    }
    return '';
  }

  function liveCheck(input) {
    var box = errorBox(input);
    if (!box) return;
    var message = clientMessage(input);
    // A message the server gave stays while the value it was about is unchanged.
    if (!message && box.hasAttribute('data-server') && input.value === input.defaultValue) {
      message = box.getAttribute('data-server');
    }
    box.textContent = message;
    box.hidden = !message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', box.id);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    if (summaryShown) refreshSummary();
  }

  // The summary above the form lists every box that has a message now, each once.
  var summaryShown = !!document.getElementById('error-summary');
  function fieldLabel(box) {
    var input = document.getElementById(box.id.replace(/-err$/, ''));
    var label = input && form.querySelector('label[for="' + input.id + '"]');
    if (label) return label.textContent.replace(/\s+/g, ' ').trim();
    var card = box.closest('.activity-head, .field');
    var span = card && card.querySelector('.label');
    return span ? span.textContent.trim() : '';
  }

  function refreshSummary() {
    var summary = document.getElementById('error-summary');
    var boxes = form.querySelectorAll('.field-error');
    var shown = [];
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hidden && boxes[i].textContent.trim() !== '' && boxes[i].id) shown.push(boxes[i]);
    }
    if (!shown.length) {
      if (summary) summary.hidden = true;
      return;
    }
    if (!summary) {
      summary = document.createElement('section');
      summary.id = 'error-summary';
      summary.className = 'alert error';
      summary.setAttribute('role', 'alert');
      summary.tabIndex = -1;
      form.parentNode.insertBefore(summary, form);
    }
    summary.hidden = false;
    summary.textContent = '';
    var intro = document.createElement('p');
    intro.textContent = 'Có ' + shown.length + ' ô cần sửa trước khi lưu:';
    summary.appendChild(intro);
    var list = document.createElement('ul');
    for (var j = 0; j < shown.length; j++) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '#' + shown[j].id.replace(/-err$/, '');
      link.textContent = fieldLabel(shown[j]) + ': ' + shown[j].textContent;
      item.appendChild(link);
      list.appendChild(item);
    }
    summary.appendChild(list);
  }

  function liveTotals() {
    var aside = document.getElementById('live-totals');
    if (!aside) return;
    // As the server counts it: a group adds its participants and its own population only once
    // its participant count is filled.
    var population = 0;
    var total = 0;
    var inputs = form.querySelectorAll('[data-participants]');
    for (var i = 0; i < inputs.length; i++) {
      var v = parseCount(inputs[i].value);
      if (inputs[i].value.trim() === '' || isNaN(v)) continue;
      total += v;
      population += parseInt(inputs[i].getAttribute('data-participants'), 10) || 0;
    }
    document.getElementById('live-participants').textContent = formatNumber(total);
    document.getElementById('live-rate').textContent = formatRate(total, population);
  }

  // --- Table rows in place (the buttons submit to the server when JavaScript is off). ----------
  function renumber(fieldset) {
    var key = fieldset.getAttribute('data-table');
    var rows = fieldset.querySelectorAll('tbody tr');
    for (var r = 0; r < rows.length; r++) {
      rows[r].cells[0].textContent = String(r + 1);
      var named = rows[r].querySelectorAll('[name], [id], label[for], [aria-describedby]');
      for (var j = 0; j < named.length; j++) {
        var el = named[j];
        if (el.name && el.name.indexOf('t.' + key + '.') === 0) {
          el.name = el.name.replace(/^(t\.[^.]+\.)\d+(\.)/, '$1' + r + '$2');
        }
        if (el.name === 'action') el.value = 'remove_row:' + key + ':' + r;
        if (el.id) el.id = el.id.replace(/^(f-[^-]+-)\d+(-)/, '$1' + r + '$2');
        if (el.htmlFor) {
          el.htmlFor = el.htmlFor.replace(/^(f-[^-]+-)\d+(-)/, '$1' + r + '$2');
          el.textContent = el.textContent.replace(/\(dòng \d+\)/, '(dòng ' + (r + 1) + ')');
        }
      }
    }
    fieldset.querySelector('[data-row-count]').value = String(rows.length);
  }

  form.addEventListener('click', function (event) {
    var button = event.target;
    if (!button || button.tagName !== 'BUTTON') return;
    var fieldset = button.closest('fieldset[data-table]');
    if (!fieldset) return;
    var body = fieldset.querySelector('tbody');
    if (button.hasAttribute('data-add-row')) {
      var last = body.querySelector('tr:last-child');
      if (!last) return;  // no row to copy: let the server add the first one
      event.preventDefault();
      var copy = last.cloneNode(true);
      var inputs = copy.querySelectorAll('input, select, textarea');
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].type === 'radio') inputs[i].checked = false;
        else if (inputs[i].tagName === 'SELECT') inputs[i].selectedIndex = 0;
        else inputs[i].value = '';
        inputs[i].removeAttribute('aria-invalid');
      }
      var errors = copy.querySelectorAll('.field-error');
      for (var e = 0; e < errors.length; e++) {
        errors[e].textContent = '';
        errors[e].hidden = true;
        errors[e].removeAttribute('data-server');
      }
      body.appendChild(copy);
      renumber(fieldset);
      var first = copy.querySelector('input, select, textarea');
      if (first) first.focus();
      changed();
    } else if (button.hasAttribute('data-remove-row')) {
      event.preventDefault();
      var row = button.closest('tr');
      row.parentNode.removeChild(row);
      renumber(fieldset);
      changed();
    }
  });

  // --- Autosave. ------------------------------------------------------------------------------
  function changed() {
    dirty = true;
    keepCopy();
    if (stale) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(autosave, 1500);
  }

  function autosave() {
    timer = null;
    if (!dirty || saving || stale) return;
    saving = true;
    dirty = false;
    var body = new URLSearchParams();
    var pairs = fieldPairs();
    for (var i = 0; i < pairs.length; i++) body.append(pairs[i][0], pairs[i][1]);
    body.append('csrf', form.elements.csrf.value);
    body.append('version', versionInput.value);
    body.append('action', 'save');
    body.append('ajax', '1');
    setStatus('Đang lưu…', '');
    fetch(form.getAttribute('action'), {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      saving = false;
      var data = result.data;
      if (result.status === 200 && data.ok) {
        versionInput.value = String(data.version);
        page.setAttribute('data-version', String(data.version));
        if (!dirty) dropCopy(); else keepCopy();
        setStatus('Đã tự động lưu bản nháp lúc ' + timeNow() + '.', '');
        if (dirty) changed();
      } else if (result.status === 409) {
        stale = true;
        dirty = true;
        keepCopy();
        setStatus(data.message || 'Người khác vừa lưu báo cáo này. Bấm “Lưu bản nháp” để so sánh.', 'stale');
      } else if (result.status === 422) {
        dirty = true;
        keepCopy();
        showErrors(data.errors || {});
        setStatus('Chưa tự động lưu được: có ô cần sửa (xem thông báo cạnh ô).', 'stale');
      } else {
        dirty = true;
        keepCopy();
        setStatus((data.error && data.error.message) || data.message ||
                  'Chưa lưu được. Bản nhập vẫn được giữ trên máy này.', 'stale');
      }
    }).catch(function () {
      saving = false;
      dirty = true;
      keepCopy();
      setStatus('Mất kết nối. Bản nhập được giữ trên máy này và sẽ được lưu khi có mạng lại.', 'offline');
    });
  }

  function showErrors(errors) {
    for (var key in errors) {
      if (!Object.prototype.hasOwnProperty.call(errors, key)) continue;
      var id = 'f-' + key.replace(/\[(\d+)\]\./, '-$1-');
      var box = document.getElementById(id + '-err');
      if (box) { box.textContent = errors[key]; box.hidden = false; }
    }
    if (summaryShown) refreshSummary();
  }

  form.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('input.num')) liveCheck(event.target);
    liveTotals();
    changed();
  });
  form.addEventListener('change', function (event) {
    // "Có"/"Không" changes what the activity's counts may hold.
    if (event.target.type === 'radio') {
      var counts = form.querySelectorAll('[data-needs-yes="' + event.target.name + '"]');
      for (var i = 0; i < counts.length; i++) liveCheck(counts[i]);
      var card = event.target.closest('[data-activity]');
      if (card && event.target.value === 'co') card.classList.add('open');
    }
    liveTotals();
    changed();
  });
  // Sending the form: the copy in this browser stays until the server has the values (the page
  // that answers a save drops it); offline nothing is sent, so no browser error page; a save or
  // submit with a message beside a box shows them all in the summary first.
  form.addEventListener('submit', function (event) {
    keepCopy(true);
    if (navigator.onLine === false) {
      event.preventDefault();
      dirty = true;
      setStatus('Chưa có mạng nên chưa gửi được. Bản nhập được giữ trên máy này và sẽ được lưu khi có mạng lại.', 'offline');
      return;
    }
    var button = event.submitter;
    var action = button && button.name === 'action' ? button.value : 'save';
    if (action !== 'save' && action !== 'submit') return;
    var numbers = form.querySelectorAll('input.num');
    for (var n = 0; n < numbers.length; n++) liveCheck(numbers[n]);
    summaryShown = true;
    refreshSummary();
    var summary = document.getElementById('error-summary');
    if (summary && !summary.hidden) {
      event.preventDefault();
      summary.focus();
      summary.scrollIntoView();
    }
  });
  window.addEventListener('online', function () {
    if (!stale) { dirty = true; autosave(); }
  });
  window.addEventListener('offline', function () {
    setStatus('Mất kết nối. Bản nhập được giữ trên máy này và sẽ được lưu khi có mạng lại.', 'offline');
  });

  // --- The copy left in this browser by an earlier visit. -----------------------------------------
  function restore(pairs) {
    var byName = {};
    var rowsWanted = {};
    for (var i = 0; i < pairs.length; i++) {
      byName[pairs[i][0]] = pairs[i][1];
      var m = /^n\.(.+)$/.exec(pairs[i][0]);
      if (m) rowsWanted[m[1]] = parseInt(pairs[i][1], 10) || 0;
    }
    for (var key in rowsWanted) {
      var fieldset = form.querySelector('fieldset[data-table="' + key + '"]');
      if (!fieldset) continue;
      var add = fieldset.querySelector('[data-add-row]');
      var guard = 0;
      while (add && fieldset.querySelectorAll('tbody tr').length < rowsWanted[key] &&
             fieldset.querySelector('tbody tr') && guard++ < 200) {
        add.click();
      }
    }
    var elements = form.elements;
    for (var j = 0; j < elements.length; j++) {
      var el = elements[j];
      if (!el.name || !(el.name in byName) || el.name === 'csrf') continue;
      if (el.type === 'radio') el.checked = byName[el.name] === el.value;
      else if (el.type !== 'submit' && el.type !== 'hidden') el.value = byName[el.name];
    }
    for (var k = 0; k < elements.length; k++) {
      var r = elements[k];
      if (r.type === 'radio' && !(r.name in byName)) r.checked = false;
    }
    liveTotals();
    changed();
  }

  (function offerCopy() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch (e) { saved = null; }
    if (!saved || !saved.pairs) return;
    // The page answering this browser's own save (or the submit confirmation after it) shows a
    // newer version: the server has the values.
    var answered = /[?&](da-luu|da-nop)=/.test(location.search) || document.getElementById('confirm-box');
    if (saved.sent && answered && parseInt(page.getAttribute('data-version'), 10) > parseInt(saved.base, 10)) {
      dropCopy();
      return;
    }
    // The page answering a post that saved nothing (a row added or removed, a message beside a
    // box, a newer version met) shows the posted values: they become the copy, nothing to offer.
    var reRendered = document.getElementById('notice') || document.getElementById('error-summary') ||
      document.getElementById('conflict');
    if (saved.sent && reRendered) { keepCopy(); return; }
    if (JSON.stringify(saved.pairs) === JSON.stringify(fieldPairs())) return;
    var offer = document.getElementById('offline-offer');
    if (!offer) return;
    document.getElementById('offline-time').textContent = new Date(saved.at).toLocaleString('vi-VN');
    offer.hidden = false;
    document.getElementById('offline-restore').addEventListener('click', function () {
      offer.hidden = true;
      restore(saved.pairs);
    });
    document.getElementById('offline-discard').addEventListener('click', function () {
      offer.hidden = true;
      dropCopy();
    });
  })();

  var serverBoxes = form.querySelectorAll('.field-error[id]');
  for (var b = 0; b < serverBoxes.length; b++) {
    if (!serverBoxes[b].hidden) serverBoxes[b].setAttribute('data-server', serverBoxes[b].textContent);
  }
  var numbers = form.querySelectorAll('input.num');
  for (var n = 0; n < numbers.length; n++) liveCheck(numbers[n]);
  liveTotals();
})();
