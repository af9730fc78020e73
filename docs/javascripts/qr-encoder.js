/* QR codes in the browser, for the planner link builder on /for-clinics/ (loaded by link-builder.js only
   on that page). window.ITBQR.encode(text[, mask]) -> {version, mask, size, modules}; ITBQR.svg(text, label).
   The codes the pages show are made at build time (segno); this one is for links made in the browser. */
(function () {
  "use strict";

  /* ---- QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1-40. ----
     Written for this site so no third-party script is needed. Tested module by module against segno
     (Python) and decoded with zxing-cpp in tests/clinics/test_clinics_page.py. */
  var ECC_PER_BLOCK = [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
  var NUM_BLOCKS = [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20,
    21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
  var FORMAT_BITS_M = 0;

  function rawDataModules(ver) {
    var result = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
      var numAlign = Math.floor(ver / 7) + 2;
      result -= (25 * numAlign - 10) * numAlign - 55;
      if (ver >= 7) result -= 36;
    }
    return result;
  }

  function dataCodewords(ver) {
    return Math.floor(rawDataModules(ver) / 8) - ECC_PER_BLOCK[ver] * NUM_BLOCKS[ver];
  }

  function gfMul(x, y) {
    var z = 0;
    for (var i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z;
  }

  function rsDivisor(degree) {
    var result = [];
    for (var i = 0; i < degree - 1; i++) result.push(0);
    result.push(1);
    var root = 1;
    for (i = 0; i < degree; i++) {
      for (var j = 0; j < result.length; j++) {
        result[j] = gfMul(result[j], root);
        if (j + 1 < result.length) result[j] ^= result[j + 1];
      }
      root = gfMul(root, 0x02);
    }
    return result;
  }

  function rsRemainder(data, divisor) {
    var result = divisor.map(function () { return 0; });
    data.forEach(function (b) {
      var factor = b ^ result.shift();
      result.push(0);
      divisor.forEach(function (coef, i) { result[i] ^= gfMul(coef, factor); });
    });
    return result;
  }

  function utf8Bytes(text) {
    var s = unescape(encodeURIComponent(text)), out = [];
    for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
    return out;
  }

  function encodeQr(text, forcedMask) {
    var bytes = utf8Bytes(text), ver, cap;
    for (ver = 1; ver <= 40; ver++) {
      cap = dataCodewords(ver) * 8;
      if (4 + (ver <= 9 ? 8 : 16) + bytes.length * 8 <= cap) break;
    }
    if (ver > 40) throw new Error("Text too long for a QR code");
    // Data bits: mode, count, bytes, terminator, padding.
    var bits = [];
    function put(val, len) { for (var i = len - 1; i >= 0; i--) bits.push((val >>> i) & 1); }
    put(4, 4);
    put(bytes.length, ver <= 9 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, cap - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xec; bits.length < cap; pad ^= 0xec ^ 0x11) put(pad, 8);
    var data = [];
    for (var i = 0; i < bits.length; i += 8) {
      var byte = 0;
      for (var k = 0; k < 8; k++) byte = (byte << 1) | bits[i + k];
      data.push(byte);
    }
    // Error correction blocks, interleaved.
    var numBlocks = NUM_BLOCKS[ver], eccLen = ECC_PER_BLOCK[ver];
    var rawCodewords = Math.floor(rawDataModules(ver) / 8);
    var numShort = numBlocks - rawCodewords % numBlocks;
    var shortLen = Math.floor(rawCodewords / numBlocks);
    var divisor = rsDivisor(eccLen), blocks = [];
    for (i = 0, k = 0; i < numBlocks; i++) {
      var dat = data.slice(k, k + shortLen - eccLen + (i < numShort ? 0 : 1));
      k += dat.length;
      var ecc = rsRemainder(dat, divisor);
      if (i < numShort) dat.push(0);
      blocks.push(dat.concat(ecc));
    }
    var codewords = [];
    for (i = 0; i < blocks[0].length; i++) {
      for (var j = 0; j < blocks.length; j++) {
        if (i !== shortLen - eccLen || j >= numShort) codewords.push(blocks[j][i]);
      }
    }
    // The module grid.
    var size = ver * 4 + 17, modules = [], isFunc = [];
    for (i = 0; i < size; i++) {
      modules.push(new Array(size).fill(false));
      isFunc.push(new Array(size).fill(false));
    }
    function setF(x, y, dark) { modules[y][x] = dark; isFunc[y][x] = true; }
    for (i = 0; i < size; i++) { setF(6, i, i % 2 === 0); setF(i, 6, i % 2 === 0); }
    function finder(x, y) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var d = Math.max(Math.abs(dx), Math.abs(dy)), xx = x + dx, yy = y + dy;
          if (xx >= 0 && xx < size && yy >= 0 && yy < size) setF(xx, yy, d !== 2 && d !== 4);
        }
      }
    }
    finder(3, 3); finder(size - 4, 3); finder(3, size - 4);
    var align = [];
    if (ver > 1) {
      var numAlign = Math.floor(ver / 7) + 2;
      var step = Math.floor((ver * 8 + numAlign * 3 + 5) / (numAlign * 4 - 4)) * 2;
      for (var pos = size - 7; align.length < numAlign - 1; pos -= step) align.unshift(pos);
      align.unshift(6);
    }
    align.forEach(function (ay, ai) {
      align.forEach(function (ax, aj) {
        if ((ai === 0 && aj === 0) || (ai === 0 && aj === align.length - 1) || (ai === align.length - 1 && aj === 0)) return;
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) setF(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      });
    });
    function formatBits(mask) {
      var d = FORMAT_BITS_M << 3 | mask, rem = d;
      for (var n = 0; n < 10; n++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
      var b = (d << 10 | rem) ^ 0x5412;
      var bit = function (n) { return ((b >>> n) & 1) !== 0; };
      for (n = 0; n <= 5; n++) setF(8, n, bit(n));
      setF(8, 7, bit(6)); setF(8, 8, bit(7)); setF(7, 8, bit(8));
      for (n = 9; n < 15; n++) setF(14 - n, 8, bit(n));
      for (n = 0; n < 8; n++) setF(size - 1 - n, 8, bit(n));
      for (n = 8; n < 15; n++) setF(8, size - 15 + n, bit(n));
      setF(8, size - 8, true);
    }
    formatBits(0);
    if (ver >= 7) {
      var rem = ver;
      for (i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      var vbits = ver << 12 | rem;
      for (i = 0; i < 18; i++) {
        var vb = ((vbits >>> i) & 1) !== 0, a = size - 11 + i % 3, b2 = Math.floor(i / 3);
        setF(a, b2, vb); setF(b2, a, vb);
      }
    }
    // Codewords in the zigzag order.
    var bitIndex = 0, total = codewords.length * 8;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (var vert = 0; vert < size; vert++) {
        for (j = 0; j < 2; j++) {
          var x = right - j, upward = ((right + 1) & 2) === 0, y = upward ? size - 1 - vert : vert;
          if (!isFunc[y][x] && bitIndex < total) {
            modules[y][x] = ((codewords[bitIndex >>> 3] >>> (7 - (bitIndex & 7))) & 1) !== 0;
            bitIndex++;
          }
        }
      }
    }
    function applyMask(mask) {
      for (var y = 0; y < size; y++) {
        for (var x = 0; x < size; x++) {
          var inv;
          switch (mask) {
            case 0: inv = (x + y) % 2 === 0; break;
            case 1: inv = y % 2 === 0; break;
            case 2: inv = x % 3 === 0; break;
            case 3: inv = (x + y) % 3 === 0; break;
            case 4: inv = (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; break;
            case 5: inv = x * y % 2 + x * y % 3 === 0; break;
            case 6: inv = (x * y % 2 + x * y % 3) % 2 === 0; break;
            default: inv = ((x + y) % 2 + x * y % 3) % 2 === 0;
          }
          if (inv && !isFunc[y][x]) modules[y][x] = !modules[y][x];
        }
      }
    }
    function finderCount(h) {
      var n = h[1], core = n > 0 && h[2] === n && h[3] === n * 3 && h[4] === n && h[5] === n;
      return (core && h[0] >= n * 4 && h[6] >= n ? 1 : 0) + (core && h[6] >= n * 4 && h[0] >= n ? 1 : 0);
    }
    function addHistory(len, h) {
      if (h[0] === 0) len += size;
      h.pop(); h.unshift(len);
    }
    function penalty() {
      var result = 0, x, y, color, run, h, dark = 0;
      for (var pass = 0; pass < 2; pass++) {
        for (var a = 0; a < size; a++) {
          color = false; run = 0; h = [0, 0, 0, 0, 0, 0, 0];
          for (var b = 0; b < size; b++) {
            var m = pass === 0 ? modules[a][b] : modules[b][a];
            if (m === color) {
              run++;
              if (run === 5) result += 3; else if (run > 5) result++;
            } else {
              addHistory(run, h);
              if (!color) result += finderCount(h) * 40;
              color = m; run = 1;
            }
          }
          if (color) { addHistory(run, h); run = 0; }
          run += size; addHistory(run, h);
          result += finderCount(h) * 40;
        }
      }
      for (y = 0; y < size - 1; y++) {
        for (x = 0; x < size - 1; x++) {
          var c = modules[y][x];
          if (c === modules[y][x + 1] && c === modules[y + 1][x] && c === modules[y + 1][x + 1]) result += 3;
        }
      }
      for (y = 0; y < size; y++) for (x = 0; x < size; x++) if (modules[y][x]) dark++;
      var totalModules = size * size;
      result += (Math.ceil(Math.abs(dark * 20 - totalModules * 10) / totalModules) - 1) * 10;
      return result;
    }
    var mask = forcedMask;
    if (mask === undefined || mask === null) {
      var best = Infinity;
      for (i = 0; i < 8; i++) {
        applyMask(i); formatBits(i);
        var p = penalty();
        if (p < best) { best = p; mask = i; }
        applyMask(i);
      }
    }
    applyMask(mask);
    formatBits(mask);
    return { version: ver, mask: mask, size: size, modules: modules };
  }

  function qrSvg(text, label) {
    var qr = encodeQr(text), border = 4, dim = qr.size + border * 2, path = "";
    qr.modules.forEach(function (row, y) {
      for (var x = 0; x < qr.size; x++) {
        if (!row[x]) continue;
        var start = x;
        while (x + 1 < qr.size && row[x + 1]) x++;
        path += "M" + (start + border) + " " + (y + border) + "h" + (x - start + 1) + "v1h-" + (x - start + 1) + "z";
      }
    });
    var esc = function (s) {
      return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
    };
    return '<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" focusable="false" ' +
      'shape-rendering="crispEdges" viewBox="0 0 ' + dim + " " + dim + '" aria-label="' + esc(label) +
      '" data-qr="' + esc(text) + '"><path fill="#fff" d="M0 0h' + dim + "v" + dim + "h-" + dim + 'z"/>' +
      '<path fill="#000" d="' + path + '"/></svg>';
  }

  window.ITBQR = { encode: encodeQr, svg: qrSvg };
})();
