// The citizens' violation report page (report.html, served at /bao-cao and /bao-cao/<code>):
// finds the venue by the code printed under its QR (GET /api/v1/short-codes/<code>), takes the
// kind of violation, a note and an optional photo from the phone's camera, and sends it to the
// commune's queue (POST /api/v1/reports); the answer's id is the reporter's receipt number.
// Nothing is kept on the phone.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const MAX_PHOTO = 1024 * 1024;  // the server's limit (bytes of the JPEG)
  let venueId = '', photo = '', stream = null;

  function showError(text) {
    const e = $('error');
    e.textContent = text;
    e.hidden = !text;
    if (text) e.scrollIntoView({ block: 'center' });
  }

  // The code from /bao-cao/34M-FPJ, /bao-cao?code=34M-FPJ (the visitor page's link) or typed.
  function codeInUrl() {
    const m = location.pathname.match(/\/bao-cao\/([^/]+)/);
    return decodeURIComponent(m ? m[1] : new URLSearchParams(location.search).get('code') || '');
  }

  async function findVenue(code) {
    const findErr = (t) => { $('find').hidden = false; showFindError(t); };
    let r;
    try {
      r = await fetch('/api/v1/short-codes/' + encodeURIComponent(code.trim()));
    } catch (e) {
      return findErr('Không có mạng. Kiểm tra kết nối rồi thử lại. (No network.)');
    }
    if (r.status === 400) return findErr('Mã gồm 6 chữ và số, ví dụ 34M-FPJ. (A code is 6 letters and digits.)');
    if (r.status === 404) return findErr('Không có địa điểm nào mang mã này. (No venue has this code.)');
    if (!r.ok) return findErr('Máy chủ đang bận, thử lại sau ít phút. (Server busy, retry later.)');
    const body = await r.json();
    const m = body.matches[0];
    venueId = m.venue.id;
    $('venue-name').textContent = m.venue.name;
    $('find').hidden = true;
    $('report').hidden = false;
  }

  function showFindError(text) {
    let e = $('find-error');
    if (!e) {
      e = document.createElement('p');
      e.id = 'find-error';
      e.className = 'err';
      e.setAttribute('role', 'alert');
      $('find').appendChild(e);
    }
    e.textContent = text;
  }

  // A JPEG of at most MAX_PHOTO bytes from a drawable (video frame or image), long side ≤ 1280.
  function jpegOf(source, w, h) {
    const scale = Math.min(1, 1280 / Math.max(w, h));
    const c = document.createElement('canvas');
    c.width = Math.round(w * scale);
    c.height = Math.round(h * scale);
    c.getContext('2d').drawImage(source, 0, 0, c.width, c.height);
    for (let q = 0.85; q > 0.3; q -= 0.15) {
      const url = c.toDataURL('image/jpeg', q);
      const b64 = url.slice(url.indexOf(',') + 1);
      if (b64.length * 3 / 4 <= MAX_PHOTO) return url;
    }
    return '';
  }

  function setPhoto(dataUrl) {
    photo = dataUrl ? dataUrl.slice(dataUrl.indexOf(',') + 1) : '';
    $('preview').src = dataUrl || '';
    $('preview').hidden = !dataUrl;
    $('drop').hidden = !dataUrl;
    $('camera').hidden = !!dataUrl;
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    $('viewfinder').hidden = true;
    $('shoot').hidden = true;
  }

  async function openCamera() {
    showError('');
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return $('file').click();
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (e) {
      // Refused or no camera: a photo from the gallery still works.
      showError('Không mở được máy ảnh; có thể chọn ảnh có sẵn. (Camera unavailable; pick a photo instead.)');
      return $('file').click();
    }
    const v = $('viewfinder');
    v.srcObject = stream;
    v.hidden = false;
    $('camera').hidden = true;
    $('shoot').hidden = false;
    await v.play().catch(() => {});
    v.scrollIntoView({ block: 'center' });
  }

  function shoot() {
    const v = $('viewfinder');
    if (!v.videoWidth) return;
    const url = jpegOf(v, v.videoWidth, v.videoHeight);
    stopCamera();
    if (!url) return showError('Ảnh quá lớn. (Photo too large.)');
    setPhoto(url);
  }

  function fromFile() {
    const f = $('file').files[0];
    if (!f) return;
    const img = new Image();
    img.onload = () => {
      setPhoto(jpegOf(img, img.naturalWidth, img.naturalHeight));
      URL.revokeObjectURL(img.src);
    };
    img.onerror = () => showError('Không đọc được ảnh này. (Cannot read this image.)');
    img.src = URL.createObjectURL(f);
  }

  async function send(ev) {
    ev.preventDefault();
    const kind = document.querySelector('input[name=kind]:checked');
    if (!kind) return showError('Chọn một loại vi phạm. (Choose what is wrong.)');
    showError('');
    const button = $('send');
    button.disabled = true;  // one report per tap, however impatient the thumb
    button.textContent = 'Đang gửi…';
    try {
      const body = { venue: venueId, kind: kind.value, note: $('note').value.trim() };
      if (photo) body.photo = photo;
      let r;
      try {
        r = await fetch('/api/v1/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      } catch (e) {
        return showError('Chưa gửi được: không có mạng. Báo cáo vẫn còn đây, hãy thử lại. (Not sent: no network.)');
      }
      if (r.status === 201) {
        const { id } = await r.json();
        stopCamera();
        $('report').hidden = true;
        $('intro').hidden = true;
        $('receipt').textContent = String(id);
        $('done').hidden = false;
        return;
      }
      if (r.status === 429) return showError('Đã gửi quá nhiều báo cáo từ mạng này. Hãy thử lại sau một giờ. (Too many reports; try again in an hour.)');
      if (r.status === 413) return showError('Ảnh quá lớn (tối đa 1 MB). (Photo too large.)');
      if (r.status === 404) return showError('Địa điểm này không còn trong hệ thống. (Venue no longer known.)');
      if (r.status === 400) return showError('Thông tin chưa đúng, kiểm tra lại. (Check the fields.)');
      return showError('Máy chủ đang bận, thử lại sau ít phút. (Server busy, retry later.)');
    } finally {
      button.disabled = false;
      button.textContent = 'Gửi báo cáo';
    }
  }

  $('find').addEventListener('submit', (ev) => { ev.preventDefault(); findVenue($('code').value); });
  $('report').addEventListener('submit', send);
  $('camera').addEventListener('click', openCamera);
  $('shoot').addEventListener('click', shoot);
  $('drop').addEventListener('click', () => setPhoto(''));
  $('file').addEventListener('change', fromFile);
  const code = codeInUrl();
  if (code) {
    $('code').value = code;
    findVenue(code);
  } else {
    $('find').hidden = false;
  }
})();
