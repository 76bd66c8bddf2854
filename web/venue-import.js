// The office's venue import (venue-import.html at /office/nhap-co-so): templates, a file chosen
// on the phone or computer, "Kiểm tra" (POST /api/v1/office/venue-imports/check: what would be
// imported and every bad row with its number, nothing written), then "Nhập" sends the very bytes
// that were checked (POST /api/v1/office/venue-imports: all rows or none). The session token is
// the office's own (sessionStorage 'dq.office.token', wasm/ui/office_ui.cpp).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const token = (() => { try { return sessionStorage.getItem('dq.office.token') || ''; } catch (e) { return ''; } })();
  const MAX_BYTES = 4 * 1024 * 1024;  // the server's request limit
  let checked = null;                 // { bytes, name } of the file the last check passed
  let busy = false;

  const COLUMNS = { name: 'Tên cơ sở', address: 'Địa chỉ', commune: 'Phường/xã', category: 'Loại hình',
    staffCount: 'Số nhân viên', phone: 'Số điện thoại', scanPoints: 'Điểm quét' };
  const CATEGORIES = { restaurant: 'Nhà hàng, quán ăn', market: 'Chợ', essential_shop: 'Cửa hàng thiết yếu',
    shopping_centre: 'Trung tâm thương mại', office: 'Văn phòng, cơ quan', factory: 'Nhà máy, xí nghiệp',
    hotel: 'Khách sạn, nhà nghỉ', bar: 'Quán bar', karaoke: 'Karaoke', massage: 'Massage, spa', gym: 'Phòng tập',
    meeting: 'Hội nghị, sự kiện', hospital: 'Bệnh viện, phòng khám', apartment: 'Chung cư', school: 'Trường học',
    bus_station: 'Bến xe', public_transport: 'Phương tiện công cộng', funeral: 'Tang lễ', wedding: 'Tiệc cưới',
    tourist_site: 'Điểm du lịch', religious_site: 'Cơ sở tôn giáo', other: 'Khác' };
  const labels = (list) => (list || []).map((a) => `${a.label} (mã ${a.code})`).join('; ');

  // One bad row in Vietnamese; the server's codes are listed in server/office/venue_import.cpp.
  function rowMessage(e) {
    const v = e.value ? `"${e.value}"` : '';
    switch (e.code) {
      case 'missing_column': return `Dòng tiêu đề thiếu cột "${COLUMNS[e.column] || e.column}". Dùng tệp mẫu.`;
      case 'name_missing': return 'Thiếu tên cơ sở.';
      case 'name_too_long': return 'Tên cơ sở dài quá 200 ký tự.';
      case 'address_too_long': return 'Địa chỉ dài quá 300 ký tự.';
      case 'commune_missing': return 'Thiếu phường/xã.';
      case 'commune_unknown':
        return `Không tìm thấy phường/xã ${v} trong địa bàn của bạn.` + (e.candidates && e.candidates.length ? ` Có phải: ${labels(e.candidates)}?` : '');
      case 'commune_outside_area': return `${e.commune ? e.commune.label : v} nằm ngoài địa bàn của bạn.`;
      case 'commune_ambiguous': return `Có nhiều phường/xã tên ${v}: ghi mã thay cho tên (${labels(e.candidates)}).`;
      case 'commune_retired': return `Phường/xã ${v} đã sáp nhập. Ghi phường/xã hiện nay: ${labels(e.candidates)}.`;
      case 'category_unknown': return `Loại hình ${v} không có trong danh sách (xem trang "Huong dan" của tệp mẫu Excel).`;
      case 'staff_bad': return `Số nhân viên ${v} phải là số nguyên từ 0 đến 100000.`;
      case 'phone_bad': return `Số điện thoại ${v} phải có 10 hoặc 11 chữ số, bắt đầu bằng 0.`;
      case 'scan_points_too_many': return 'Tối đa 20 điểm quét cho một cơ sở.';
      case 'scan_point_too_long': return 'Tên một điểm quét dài quá 100 ký tự.';
      case 'duplicate_in_file': return `Trùng tên với dòng ${e.sameAsRow} (cùng phường/xã).`;
      case 'duplicate_in_db': return `Đã có cơ sở cùng tên trong phường/xã này (mã ${e.venueId}).`;
      case 'bad_text': return 'Dòng có ký tự lạ, không phải chữ.';
      default: return e.message;
    }
  }

  // A refusal of the whole file (or of the request) in Vietnamese.
  function fileMessage(status, body) {
    const code = body && body.error && body.error.code;
    const m = {
      not_utf8: 'Tệp CSV không phải UTF-8. Trong Excel chọn "Lưu thành: CSV UTF-8", hoặc chọn tệp .xlsx.',
      bad_xlsx: 'Không đọc được tệp Excel này. Mở tệp, lưu lại thành .xlsx rồi chọn lại.',
      bad_csv: 'Tệp CSV bị hỏng: có dấu ngoặc kép (") không được đóng.',
      too_many_rows: 'Tệp có hơn 20.000 dòng. Chia thành nhiều tệp nhỏ hơn.',
      too_large: 'Tệp chứa quá nhiều dữ liệu. Chia thành nhiều tệp nhỏ hơn.',
      cell_too_long: 'Có một ô quá dài hoặc quá nhiều cột. Dùng tệp mẫu.',
      empty_file: 'Tệp không có dòng cơ sở nào (chỉ có dòng tiêu đề?).',
      conflict: 'Máy chủ bận, chưa nhập gì. Chạm "Nhập" lần nữa.',
      storage_unavailable: 'Máy chủ tạm thời không lưu được; chưa nhập gì. Thử lại sau ít phút.',
    }[code];
    if (m) return m;
    if (status === 413) return 'Tệp lớn hơn 4 MB. Chia thành nhiều tệp nhỏ hơn.';
    return 'Không gửi được tệp (' + status + '). Kiểm tra mạng rồi thử lại.';
  }

  function showError(text) {
    $('error').textContent = text || '';
    $('error').hidden = !text;
    if (text) $('error').scrollIntoView({ block: 'center' });
  }

  async function send(path, bytes) {
    let res;
    try {
      res = await fetch(path, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body: bytes });
    } catch (e) {
      return { status: 0, body: null };
    }
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    if (res.status === 401) showLogin();
    return { status: res.status, body };
  }

  function showLogin() {
    $('main').hidden = true;
    $('login').hidden = false;
  }

  function venueLine(v) {
    const li = document.createElement('li');
    li.value = v.row;
    const name = document.createElement('strong');
    name.textContent = v.name;
    li.append(name, ` — ${v.ward.label} · ${CATEGORIES[v.category] || v.category} · ${v.scanPoints.length} điểm quét` +
      (v.id ? ` · mã ${v.id}` : ''));
    return li;
  }

  function render(r) {
    $('result').hidden = false;
    const bad = new Set(r.errors.map((e) => e.row)).size;
    const s = $('summary');
    s.className = r.errors.length ? 'err' : 'ok';
    if (r.errors.length)
      s.textContent = `${r.rows} dòng: ${r.valid} dòng đúng, ${bad} dòng có lỗi. Chưa nhập gì. ` +
        'Sửa các dòng dưới đây trong tệp, lưu lại, rồi chọn tệp và kiểm tra lại.';
    else if (r.rows === 0) s.textContent = 'Tệp không có dòng cơ sở nào (chỉ có dòng tiêu đề?).';
    else s.textContent = `${r.rows} dòng, tất cả đều đúng. Chạm "Nhập ${r.valid} cơ sở" để lưu.`;
    const list = document.createElement('ul');
    list.className = 'row-errors';
    for (const e of r.errors) {
      const li = document.createElement('li');
      li.className = 'err';
      li.dataset.row = e.row;
      li.textContent = (e.row ? `Dòng ${e.row}` : 'Tệp') + (e.column && COLUMNS[e.column] ? ` · ${COLUMNS[e.column]}: ` : ': ') + rowMessage(e);
      list.append(li);
    }
    $('errors').replaceChildren(...(r.errors.length ? [list] : []));
    $('import').hidden = !r.ready;
    $('import').textContent = `Nhập ${r.valid} cơ sở`;
    $('venues-title').hidden = !r.ready;
    $('venues').replaceChildren(...(r.ready ? r.venues.map(venueLine) : []));
    s.scrollIntoView({ block: 'start' });
  }

  async function check() {
    const f = $('file').files[0];
    if (!f || busy) return;
    showError('');
    if (f.size > MAX_BYTES) return showError('Tệp lớn hơn 4 MB. Chia thành nhiều tệp nhỏ hơn.');
    busy = true;
    $('check').disabled = true;
    $('check').textContent = 'Đang kiểm tra…';
    const bytes = await f.arrayBuffer();
    const r = await send('/api/v1/office/venue-imports/check', bytes);
    busy = false;
    $('check').disabled = false;
    $('check').textContent = 'Kiểm tra lại';
    if (r.status !== 200 || !r.body) {
      $('result').hidden = true;
      if (r.status !== 401) showError(fileMessage(r.status, r.body));
      return;
    }
    checked = r.body.ready ? { bytes } : null;
    render(r.body);
  }

  async function importChecked() {
    if (!checked || busy) return;
    busy = true;
    $('import').disabled = true;
    $('import').textContent = 'Đang nhập…';
    const r = await send('/api/v1/office/venue-imports', checked.bytes);
    busy = false;
    $('import').disabled = false;
    if (r.status === 201) {
      checked = null;
      $('result').hidden = true;
      $('file').value = '';
      $('check').disabled = true;
      $('done').hidden = false;
      $('done-text').textContent = `Đã nhập ${r.body.imported} cơ sở.`;
      $('done-venues').replaceChildren(...r.body.venues.map(venueLine));
      $('done').scrollIntoView({ block: 'start' });
      return;
    }
    if (r.status === 422 && r.body) return render(r.body);  // changed meanwhile (another import)
    if (r.status !== 401) {
      $('import').textContent = `Nhập lại`;
      showError(fileMessage(r.status, r.body));
    }
  }

  async function template(format) {
    showError('');
    let res;
    try {
      res = await fetch('/api/v1/office/venue-imports/template?format=' + format, { headers: { authorization: 'Bearer ' + token } });
    } catch (e) {
      return showError('Không tải được tệp mẫu. Kiểm tra mạng rồi thử lại.');
    }
    if (res.status === 401) return showLogin();
    if (!res.ok) return showError('Không tải được tệp mẫu (' + res.status + ').');
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'mau-nhap-co-so.' + format;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  if (!token) return showLogin();
  $('main').hidden = false;
  $('file').addEventListener('change', () => {
    checked = null;
    $('result').hidden = true;
    $('done').hidden = true;
    $('check').textContent = 'Kiểm tra';
    $('check').disabled = !$('file').files.length;
    showError('');
    if ($('file').files.length) check();
  });
  $('check').addEventListener('click', check);
  $('import').addEventListener('click', importChecked);
  $('template-xlsx').addEventListener('click', () => template('xlsx'));
  $('template-csv').addEventListener('click', () => template('csv'));
})();
