// The real X clipboard of Xvfb, with xclip as a second program on it.
const { invoke } = window.__SASH__;

async function png(w, h) {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d');
  g.fillStyle = '#c03';
  g.fillRect(0, 0, w, h);
  const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
  return new Uint8Array(await blob.arrayBuffer());
}

test('text written by the page is what another program pastes', async () => {
  const s = 'héllo ✓ clipboard';
  assertEq(await invoke('clipboard:write_text', { text: s }), null);
  const out = await invoke('xclip_out', { target: 'UTF8_STRING' });
  assertEq(out.text, s);
  assertEq(await invoke('clipboard:read_text'), s);
});

// Taking the clipboard over is asynchronous (the old owner hears of it
// from the X server): wait until the page reads the new content.
async function readUntil(cmd, want) {
  let got;
  for (let i = 0; i < 200; i++) {
    got = await invoke(cmd);
    if (got === want) return got;
    await sleep(25);
  }
  return got;
}

test('text copied by another program is what the page reads', async () => {
  await invoke('xclip_in', { target: 'UTF8_STRING', text: 'typed in xclip' });
  assertEq(await readUntil('clipboard:read_text', 'typed in xclip'), 'typed in xclip');
  // Nothing in HTML then: null, not an error.
  assertEq(await invoke('clipboard:read_html'), null);
});

test('HTML both ways', async () => {
  await invoke('clipboard:write_html', { html: '<b>bold</b> move' });
  const out = await invoke('xclip_out', { target: 'text/html' });
  assertEq(out.text, '<b>bold</b> move');
  await invoke('xclip_in', { target: 'text/html', text: '<i>from xclip</i>' });
  assertEq(await readUntil('clipboard:read_html', '<i>from xclip</i>'), '<i>from xclip</i>');
});

test('a PNG written by the page is a PNG for another program, and reads back', async () => {
  await invoke('clipboard:write_image', await png(3, 2));
  const out = await invoke('xclip_out', { target: 'image/png' });
  assertEq(out.head, '89504e470d0a1a0a');
  const buf = await invoke('clipboard:read_image');
  assert(buf instanceof ArrayBuffer, 'an ArrayBuffer');
  const bmp = await createImageBitmap(new Blob([buf], { type: 'image/png' }));
  assertEq([bmp.width, bmp.height], [3, 2]);
});

test('bad content is refused with clear codes', async () => {
  await rejects(invoke('clipboard:write_image', new TextEncoder().encode('GIF89a, not a PNG at all....')), 'bad_args');
  await rejects(invoke('clipboard:write_image', { png: 'abc' }), 'bad_args');
  const good = await png(2, 2);
  await rejects(invoke('clipboard:write_image', good.slice(0, 40)), 'bad_args'); // truncated
  const huge = good.slice(0, 33);
  new DataView(huge.buffer).setUint32(16, 100000);
  new DataView(huge.buffer).setUint32(20, 100000);
  await rejects(invoke('clipboard:write_image', huge), 'bad_args');
  const big = new Uint8Array(50 * 1024 * 1024);
  big.set(good.slice(0, 33));
  await rejects(invoke('clipboard:write_image', big), 'too_large');
  await rejects(invoke('clipboard:write_text', { text: 'a\u0000b' }), 'bad_args');
  await rejects(invoke('clipboard:write_text', { text: 42 }), 'bad_args');
  // Still working after all that.
  await invoke('clipboard:write_text', { text: 'still fine' });
  assertEq(await invoke('clipboard:read_text'), 'still fine');
});
