// Venues register themselves (register.html at /dang-ky): the form (commune by a search that
// ignores marks and case, GET /api/v1/areas), POST /api/v1/self-registrations, then the owner's
// view: the owner key shown once, one poster PDF and one station enrollment code per scan point.
// The owner comes back with /dang-ky#k=<key> or by typing the key; the key goes to the server
// only as a bearer token (the fragment never reaches it).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  let ward = null;          // { code, label }
  let ownerKey = '';
  const codes = {};         // scan point id -> enrollment code shown on this visit

  // ---- messages ----
  const API_ERRORS = {
    bad_name: ['name', 'Nhập tên cơ sở (tối đa 200 ký tự). (Venue name, 200 characters at most.)'],
    bad_address: ['address', 'Nhập địa chỉ: số nhà, đường (tối đa 300 ký tự). (Street address.)'],
    unknown_ward: ['ward-q', 'Chọn phường/xã trong danh sách tìm được. (Choose the commune from the list.)'],
    bad_category: ['category', 'Chọn loại hình. (Choose the kind of venue.)'],
    bad_staff_count: ['staff', 'Số nhân viên là một số từ 0 đến 100000. (Staff: 0 to 100000.)'],
    bad_phone: ['phone', 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0. (A Vietnamese phone number.)'],
    bad_scan_points: ['point-0', 'Mỗi điểm quét cần một tên (tối đa 100 ký tự). (Each scan point needs a name.)'],
    too_many_registrations: [null, 'Mạng này đã đăng ký nhiều địa điểm trong giờ qua. Thử lại sau một giờ. (Too many registrations; retry in an hour.)'],
    too_many_for_phone: ['phone', 'Số điện thoại này đã đăng ký 3 địa điểm hôm nay. Thử lại ngày mai. (This phone registered 3 venues today.)'],
  };

  function showError(fieldId, text) {
    document.querySelectorAll('[aria-invalid=true]').forEach((e) => e.removeAttribute('aria-invalid'));
    const e = $('error');
    e.textContent = text || '';
    e.hidden = !text;
    if (!text) return;
    const field = fieldId && $(fieldId);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.scrollIntoView({ block: 'center' });
      // The message sits under the field it is about, where the eye already is.
      field.insertAdjacentElement('afterend', e);
    } else {
      $('submit').insertAdjacentElement('beforebegin', e);
      e.scrollIntoView({ block: 'center' });
    }
  }

  // ---- commune search: one request at a time, the newest text asked when it returns ----
  let asking = false;
  async function searchWard() {
    const q = $('ward-q').value.trim();
    if (q.length < 2) { $('ward-results').replaceChildren(); $('ward-none').hidden = true; return; }
    if (asking) return;
    asking = true;
    let areas = null;
    try {
      const r = await fetch('/api/v1/areas?limit=8&level=ward&q=' + encodeURIComponent(q));
      if (r.ok) areas = (await r.json()).areas;
    } catch (e) { /* offline: the list stays as it was */ }
    asking = false;
    if ($('ward-q').value.trim() !== q) return searchWard();
    if (!areas) return;
    $('ward-none').hidden = areas.length > 0;
    $('ward-results').replaceChildren(...areas.map((a, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = 'ward-r' + i;
      b.textContent = a.label;
      b.addEventListener('click', () => chooseWard({ code: a.code, label: a.label }));
      return b;
    }));
  }
  function chooseWard(w) {
    ward = w;
    $('ward-label').textContent = w ? w.label : '';
    $('ward-chosen').hidden = !w;
    $('ward-search').hidden = !!w;
    if (!w) { $('ward-q').value = ''; $('ward-results').replaceChildren(); $('ward-q').focus(); }
  }

  // ---- scan points ----
  function addPoint(value = '') {
    const i = $('points').children.length;
    const row = document.createElement('div');
    row.className = 'point';
    const input = document.createElement('input');
    input.className = 'field';
    input.id = 'point-' + i;
    input.maxLength = 100;
    input.value = value;
    input.placeholder = i === 0 ? 'Cổng chính' : 'Cửa sau';
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'second';
    del.textContent = '✕';
    del.setAttribute('aria-label', 'Bỏ điểm quét này');
    del.addEventListener('click', () => { if ($('points').children.length > 1) row.remove(); renumber(); });
    row.append(input, del);
    $('points').appendChild(row);
    return input;
  }
  function renumber() { [...$('points').querySelectorAll('input')].forEach((inp, i) => { inp.id = 'point-' + i; }); }

  // ---- registration ----
  async function register(ev) {
    ev.preventDefault();
    const name = $('name').value.trim(), address = $('address').value.trim(), phone = $('phone').value.trim();
    const points = [...$('points').querySelectorAll('input')].map((i) => i.value.trim());
    if (!name) return showError('name', API_ERRORS.bad_name[1]);
    if (!address) return showError('address', API_ERRORS.bad_address[1]);
    if (!ward) return showError('ward-q', API_ERRORS.unknown_ward[1]);
    const staff = $('staff').value.trim() === '' ? 0 : Number($('staff').value.trim());
    if (!Number.isInteger(staff) || staff < 0 || staff > 100000) return showError('staff', API_ERRORS.bad_staff_count[1]);
    const digits = phone.replace(/[\s.\-()]/g, '').replace(/^\+84/, '0');
    if (!/^0\d{9,10}$/.test(digits)) return showError('phone', API_ERRORS.bad_phone[1]);
    const empty = points.findIndex((p) => !p);
    if (empty >= 0) return showError('point-' + empty, API_ERRORS.bad_scan_points[1]);
    showError(null, '');
    const button = $('submit');
    button.disabled = true;  // one venue per tap, however impatient the thumb
    button.textContent = 'Đang đăng ký…';
    try {
      let r;
      try {
        r = await fetch('/api/v1/self-registrations', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, address, ward: ward.code, category: $('category').value, staffCount: staff, phone, scanPoints: points }) });
      } catch (e) {
        return showError(null, 'Chưa gửi được: không có mạng. Thông tin vẫn còn đây, hãy thử lại. (No network.)');
      }
      const body = await r.json().catch(() => null);
      if (r.status !== 201) {
        const known = body && body.error && API_ERRORS[body.error.code];
        return showError(known ? known[0] : null, known ? known[1] : 'Máy chủ đang bận, thử lại sau ít phút. (Server busy, retry later.)');
      }
      body.scanPoints.forEach((p, i) => { codes[p.id] = body.codes[i]; });
      ownerKey = body.ownerKey;
      history.replaceState(null, '', '#k=' + ownerKey);  // a reload keeps the owner's view on this phone
      $('owner-key').textContent = ownerKey;
      $('owner-link').textContent = location.origin + '/dang-ky#k=' + ownerKey;
      $('once').hidden = false;
      await showOwner();
      $('once').scrollIntoView({ block: 'start' });
    } finally {
      button.disabled = false;
      button.textContent = 'Đăng ký';
    }
  }

  // ---- the owner's view ----
  const STATUS = {
    self: ['Tự đăng ký, chưa được xác minh', 'Self-registered, not yet verified'],
    verified: ['Đã được phường/xã xác nhận', 'Confirmed by the commune'],
    rejected: ['Phường/xã đã từ chối đăng ký này', 'Rejected by the commune'],
  };
  const ownerFetch = (path, init = {}) => fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: 'Bearer ' + ownerKey, 'content-type': 'application/json' } });
  function ownerError(text) { $('owner-error').textContent = text || ''; $('owner-error').hidden = !text; if (text) $('owner-error').scrollIntoView({ block: 'center' }); }

  async function showOwner() {
    let r;
    try { r = await ownerFetch('/api/v1/owner/venue'); } catch (e) { return keyError('Không có mạng. (No network.)'); }
    if (r.status === 401) return keyError('Mã chủ cơ sở không đúng. Kiểm tra lại mã đã được cấp. (Unknown owner key.)');
    if (r.status === 429) return keyError('Nhập sai quá nhiều lần. Thử lại sau 15 phút. (Too many tries.)');
    if (!r.ok) return keyError('Máy chủ đang bận, thử lại sau ít phút. (Server busy.)');
    const v = await r.json();
    $('register').hidden = true;
    $('key-form').hidden = true;
    $('owner').hidden = false;
    $('venue-name').textContent = v.name;
    $('venue-where').textContent = v.address + ', ' + v.ward.label;
    const st = STATUS[v.status] || STATUS.self;
    $('venue-status').textContent = st[0];
    $('venue-status').title = st[1];
    $('venue-status').className = 'status ' + v.status;
    // Rejected: the officer's reason, and nothing to print or issue any more.
    const rejected = v.status === 'rejected';
    $('rejected').hidden = !rejected;
    $('rejected-reason').textContent = v.reason || 'không ghi lý do';
    $('add-point-box').hidden = rejected;
    $('venue-points').replaceChildren(...(rejected ? [] : v.scanPoints.map(pointCard)));
  }

  function pointCard(p) {
    const card = document.createElement('div');
    card.className = 'card';
    card.id = 'sp-' + p.id;
    const title = document.createElement('p');
    title.innerHTML = '<strong></strong>';
    title.firstChild.textContent = 'Điểm quét: ' + p.name;
    const poster = document.createElement('button');
    poster.type = 'button';
    poster.id = 'poster-' + p.id;
    poster.textContent = 'Tải áp phích A4 (PDF)';
    poster.addEventListener('click', () => downloadPoster(p, poster));
    const code = document.createElement('p');
    code.id = 'code-' + p.id;
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'second';
    more.id = 'newcode-' + p.id;
    more.textContent = 'Cấp mã cho điện thoại quét';
    more.addEventListener('click', () => newCode(p, code));
    card.append(title, poster, code, more);
    if (codes[p.id]) showCode(code, codes[p.id]);
    return card;
  }
  function showCode(el, c) {
    el.innerHTML = 'Mã đăng ký máy quét (dùng một lần, 72 giờ) <span class="en">Station code</span>:<br><span class="code"></span>';
    el.querySelector('.code').textContent = c;
  }

  async function downloadPoster(p, button) {
    ownerError('');
    button.disabled = true;
    try {
      const r = await ownerFetch('/api/v1/owner/posters?point=' + encodeURIComponent(p.id));
      if (!r.ok) return ownerError(r.status === 403 ? 'Phường/xã đã từ chối đăng ký này. (Rejected.)' : 'Chưa tải được áp phích, thử lại. (Download failed.)');
      const url = URL.createObjectURL(await r.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'ap-phich-' + p.id + '.pdf';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      ownerError('Không có mạng. (No network.)');
    } finally {
      button.disabled = false;
    }
  }

  async function newCode(p, el) {
    ownerError('');
    const r = await ownerFetch('/api/v1/owner/codes', { method: 'POST', body: JSON.stringify({ count: 1 }) }).catch(() => null);
    if (!r || r.status !== 201) return ownerError('Chưa cấp được mã, thử lại. (Could not issue a code.)');
    codes[p.id] = (await r.json()).codes[0];
    showCode(el, codes[p.id]);
  }

  async function addScanPoint() {
    const name = $('new-point').value.trim();
    if (!name) return ownerError('Nhập tên điểm quét. (Name the scan point.)');
    ownerError('');
    const r = await ownerFetch('/api/v1/owner/scan-points', { method: 'POST', body: JSON.stringify({ name }) }).catch(() => null);
    if (!r || r.status !== 201) return ownerError('Chưa thêm được điểm quét, thử lại. (Could not add it.)');
    const p = await r.json();
    codes[p.id] = p.codes[0];
    $('new-point').value = '';
    await showOwner();
    $('sp-' + p.id).scrollIntoView({ block: 'center' });
  }

  // ---- the owner key typed or in the link ----
  function keyError(text) {
    $('register').hidden = true;
    $('owner').hidden = true;
    $('key-form').hidden = false;
    $('key-error').textContent = text;
    $('key-error').hidden = !text;
  }

  $('register').addEventListener('submit', register);
  $('ward-q').addEventListener('input', searchWard);
  $('ward-change').addEventListener('click', () => chooseWard(null));
  $('add-point').addEventListener('click', () => addPoint().focus());
  $('have-key').addEventListener('click', (e) => { e.preventDefault(); keyError(''); $('key').focus(); });
  $('key-back').addEventListener('click', () => { $('key-form').hidden = true; $('register').hidden = false; });
  $('key-form').addEventListener('submit', (e) => { e.preventDefault(); ownerKey = $('key').value.trim(); if (ownerKey) showOwner(); });
  $('new-point-go').addEventListener('click', addScanPoint);
  addPoint('Cổng chính');
  const k = new URLSearchParams(location.hash.slice(1)).get('k');
  if (k) { ownerKey = k; showOwner(); } else { $('register').hidden = false; }
})();
