/* Kinoteka player: HLS through hls.js (served by Kinoteka; native HLS where MSE is missing),
 * direct play otherwise; audio and subtitle menus; the viewer's preferred way of watching
 * (remembered across films); a subtitle offset in 0.1 s steps (remembered per film) applied by
 * shifting the cues of a text track built here from the WebVTT, so seeks keep it; resume
 * position; keyboard controls; caption size and background. */
(function () {
  'use strict';
  var dataEl = document.getElementById('playback-data');
  var video = document.getElementById('player');
  if (!dataEl || !video) return;
  var data = JSON.parse(dataEl.textContent);
  var slug = data.film.slug;
  var VIEWER_LANG = 'en';

  var store = {
    get: function (k, d) {
      try {
        var v = window.localStorage.getItem('kinoteka.' + k);
        return v === null ? d : JSON.parse(v);
      } catch {
        return d;
      }
    },
    set: function (k, v) {
      try {
        window.localStorage.setItem('kinoteka.' + k, JSON.stringify(v));
      } catch {
        /* private mode: nothing remembered */
      }
    },
  };

  var $ = function (id) {
    return document.getElementById(id);
  };
  var audioSelect = $('audio-select');
  var subSelect = $('subtitle-select');
  var prefSelect = $('preference-select');
  var offsetOut = $('offset-value');
  var statusEl = $('player-status');
  var sizeSelect = $('caption-size');
  var bgSelect = $('caption-background');

  function say(text) {
    statusEl.textContent = text;
  }
  function isEnglish(l) {
    return l === VIEWER_LANG || (l && l.indexOf(VIEWER_LANG + '-') === 0);
  }

  // ---- preferences ------------------------------------------------------------------------
  var prefs = store.get('player.prefs', {});
  var preference = prefs.preference || 'original-subs';
  prefSelect.value = preference;
  var offset = Number(store.get('player.offset.' + slug, 0)) || 0;
  var captionSize = prefs.size || 'm';
  var captionBg = prefs.background || 'box';

  function savePrefs() {
    store.set('player.prefs', {
      preference: preference,
      size: captionSize,
      background: captionBg,
    });
  }

  // ---- playback: hls.js, native HLS, or the file ------------------------------------------
  var hls = null;
  var Hls = window.Hls;
  if (data.mode === 'hls') {
    if (Hls && Hls.isSupported()) {
      hls = new Hls({
        workerPath: '/assets/hls.worker.js',
        renderTextTracksNatively: false,
        subtitleDisplay: false,
        capLevelToPlayerSize: true,
      });
      hls.on(Hls.Events.ERROR, function (_e, d) {
        if (d.fatal) say('Playback failed: ' + (d.details || d.type));
      });
      hls.loadSource(data.src);
      hls.attachMedia(video);
      hls.on(Hls.Events.MANIFEST_PARSED, function () {
        hls.subtitleTrack = -1;
        applyAudio(currentAudio, false);
      });
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = data.src;
    } else {
      say('This browser cannot play HLS.');
    }
  }

  // ---- audio --------------------------------------------------------------------------------
  function audioById(id) {
    for (var i = 0; i < data.audio.length; i++) if (data.audio[i].id === id) return data.audio[i];
    return null;
  }
  function chooseAudio(pref) {
    var a = data.audio;
    var find = function (test) {
      for (var i = 0; i < a.length; i++) if (test(a[i])) return a[i];
      return null;
    };
    var original = find(function (t) {
      return t.role === 'original';
    });
    var def = find(function (t) {
      return t.default;
    });
    var enDub = find(function (t) {
      return t.role === 'dub' && isEnglish(t.language);
    });
    var enVo = find(function (t) {
      return t.role === 'voice-over' && isEnglish(t.language);
    });
    if (pref === 'dub') return enDub || enVo || original || def || a[0];
    if (pref === 'voice-over') return enVo || enDub || original || def || a[0];
    return original || def || a[0];
  }
  var currentAudio = chooseAudio(preference);

  function applyAudio(track, announce) {
    if (!track) return;
    currentAudio = track;
    audioSelect.value = track.id;
    if (hls) {
      var idx = data.audio.indexOf(track);
      if (idx >= 0 && hls.audioTrack !== idx) hls.audioTrack = idx;
    } else if (video.audioTracks && video.audioTracks.length === data.audio.length) {
      for (var i = 0; i < video.audioTracks.length; i++)
        video.audioTracks[i].enabled = data.audio[i] === track;
    }
    if (announce) say('Audio: ' + track.label);
    updateSubtitles();
  }

  // ---- subtitles: one text track of our own, cues shifted by the offset -------------------
  for (var t = 0; t < video.textTracks.length; t++) video.textTracks[t].mode = 'disabled';
  var ownTrack = video.addTextTrack('subtitles', 'Kinoteka subtitles', VIEWER_LANG);
  ownTrack.mode = 'showing';
  var vttCache = {};
  var chosenSub = null; // the menu's choice: a subtitle dto or null (off)
  var shownSub = null; // what is drawn: the choice, or forced English when needed
  var loadToken = 0;

  function parseTime(s) {
    var p = s.trim().split(':');
    var sec = Number(p.pop().replace(',', '.'));
    var min = Number(p.pop() || 0);
    var hr = Number(p.pop() || 0);
    return hr * 3600 + min * 60 + sec;
  }
  /** WebVTT cues (start, end, text); settings and styles are not needed for our tracks. */
  function parseVtt(text) {
    var cues = [];
    var blocks = text.replace(/\r\n?/g, '\n').split(/\n\n+/);
    for (var i = 0; i < blocks.length; i++) {
      var lines = blocks[i].split('\n');
      var j = 0;
      while (j < lines.length && lines[j].indexOf('-->') < 0) j++;
      if (j >= lines.length) continue;
      var m = /^\s*([\d:.,]+)\s*-->\s*([\d:.,]+)/.exec(lines[j]);
      if (!m) continue;
      cues.push({
        start: parseTime(m[1]),
        end: parseTime(m[2]),
        text: lines.slice(j + 1).join('\n'),
      });
    }
    return cues;
  }
  function clearCues() {
    var list = ownTrack.cues;
    while (list && list.length) ownTrack.removeCue(list[0]);
  }
  function drawCues(cues) {
    clearCues();
    var Cue = window.VTTCue || window.TextTrackCue;
    for (var i = 0; i < cues.length; i++) {
      var s = cues[i].start + offset;
      var e = cues[i].end + offset;
      if (e <= 0) continue;
      ownTrack.addCue(new Cue(Math.max(0, s), e, cues[i].text));
    }
  }
  function loadCues(sub) {
    if (vttCache[sub.id]) return Promise.resolve(vttCache[sub.id]);
    return fetch(sub.url)
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      })
      .then(function (text) {
        return (vttCache[sub.id] = parseVtt(text));
      });
  }
  function forcedFor(lang) {
    for (var i = 0; i < data.subtitles.length; i++) {
      var s = data.subtitles[i];
      if (s.forced && (lang ? s.language === lang : isEnglish(s.language))) return s;
    }
    return null;
  }
  /** Forced subtitles appear by themselves when the audio is not in the viewer's language. */
  function updateSubtitles() {
    var next = chosenSub;
    if (!next && currentAudio && !isEnglish(currentAudio.language)) next = forcedFor(null);
    shownSub = next;
    var token = ++loadToken;
    if (!next) {
      clearCues();
      video.removeAttribute('data-subtitle');
      return;
    }
    video.setAttribute('data-subtitle', String(next.id));
    loadCues(next)
      .then(function (cues) {
        if (token === loadToken) drawCues(cues);
      })
      .catch(function () {
        say('The subtitles could not be loaded.');
      });
    if (!chosenSub && next.forced)
      say('Forced ' + next.label.replace(' (forced)', '') + ' subtitles shown');
  }
  function subById(id) {
    for (var i = 0; i < data.subtitles.length; i++)
      if (String(data.subtitles[i].id) === String(id)) return data.subtitles[i];
    return null;
  }
  function defaultSub(pref, audio) {
    if (pref !== 'original-subs' && audio && isEnglish(audio.language)) return null;
    for (var i = 0; i < data.subtitles.length; i++) {
      var s = data.subtitles[i];
      if (isEnglish(s.language) && !s.forced) return s;
    }
    return null;
  }
  function chooseSub(sub, announce) {
    chosenSub = sub;
    subSelect.value = sub ? String(sub.id) : 'off';
    if (announce) say(sub ? 'Subtitles: ' + sub.label : 'Subtitles off');
    updateSubtitles();
  }

  // ---- offset ---------------------------------------------------------------------------------
  function showOffset() {
    var v = Math.round(offset * 10) / 10;
    offsetOut.textContent = (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1) + ' s';
  }
  function setOffset(v) {
    offset = Math.round(v * 10) / 10;
    store.set('player.offset.' + slug, offset);
    showOffset();
    if (shownSub && vttCache[shownSub.id]) drawCues(vttCache[shownSub.id]);
    say('Subtitle offset ' + offsetOut.textContent);
  }
  $('offset-earlier').addEventListener('click', function () {
    setOffset(offset - 0.1);
  });
  $('offset-later').addEventListener('click', function () {
    setOffset(offset + 0.1);
  });
  $('offset-reset').addEventListener('click', function () {
    setOffset(0);
  });
  showOffset();

  // ---- caption style --------------------------------------------------------------------------
  function applyStyle() {
    var cls = video.className.split(/\s+/).filter(function (c) {
      return c && c.indexOf('cue-') !== 0;
    });
    cls.push('cue-size-' + captionSize, 'cue-bg-' + captionBg);
    video.className = cls.join(' ');
    sizeSelect.value = captionSize;
    bgSelect.value = captionBg;
  }
  sizeSelect.addEventListener('change', function () {
    captionSize = sizeSelect.value;
    applyStyle();
    savePrefs();
  });
  bgSelect.addEventListener('change', function () {
    captionBg = bgSelect.value;
    applyStyle();
    savePrefs();
  });
  applyStyle();

  // ---- menus ----------------------------------------------------------------------------------
  audioSelect.disabled = data.audio.length < 2;
  audioSelect.addEventListener('change', function () {
    var track = audioById(audioSelect.value);
    if (!track) return;
    // What the viewer picks becomes their preference for the next film.
    preference =
      track.role === 'dub' ? 'dub' : track.role === 'voice-over' ? 'voice-over' : 'original-subs';
    prefSelect.value = preference;
    savePrefs();
    applyAudio(track, true);
  });
  subSelect.addEventListener('change', function () {
    chooseSub(subById(subSelect.value), true);
  });
  prefSelect.addEventListener('change', function () {
    preference = prefSelect.value;
    savePrefs();
    applyAudio(chooseAudio(preference), true);
    chooseSub(defaultSub(preference, currentAudio), false);
  });
  $('player-controls').addEventListener('submit', function (e) {
    e.preventDefault();
  });

  // ---- resume -----------------------------------------------------------------------------------
  var resumeKey = 'player.resume.' + slug;
  var saved = Number(store.get(resumeKey, 0)) || 0;
  var lastSaved = 0;
  video.addEventListener('loadedmetadata', function () {
    var d = video.duration;
    if (saved > 5 && (!isFinite(d) || saved < d - 10)) {
      video.currentTime = saved;
      var m = Math.floor(saved / 60);
      var s = Math.floor(saved % 60);
      $('resume-text').textContent = 'Resumed at ' + m + ':' + (s < 10 ? '0' : '') + s + '.';
      $('resume').hidden = false;
    }
  });
  $('resume-restart').addEventListener('click', function () {
    video.currentTime = 0;
    store.set(resumeKey, 0);
    $('resume').hidden = true;
  });
  video.addEventListener('timeupdate', function () {
    var now = video.currentTime;
    if (Math.abs(now - lastSaved) >= 5) {
      lastSaved = now;
      store.set(resumeKey, now);
    }
  });
  video.addEventListener('ended', function () {
    store.set(resumeKey, 0);
  });

  // ---- keyboard ---------------------------------------------------------------------------------
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'BUTTON') return;
    if (tag === 'SUMMARY' || tag === 'A') return;
    var k = e.key;
    var handled = true;
    if (k === ' ' || k === 'k' || k === 'K') {
      if (video.paused) void video.play();
      else video.pause();
    } else if (k === 'ArrowLeft') video.currentTime = Math.max(0, video.currentTime - 5);
    else if (k === 'ArrowRight') video.currentTime = video.currentTime + 5;
    else if (k === 'j' || k === 'J') video.currentTime = Math.max(0, video.currentTime - 10);
    else if (k === 'l' || k === 'L') video.currentTime = video.currentTime + 10;
    else if (k === 'ArrowUp') video.volume = Math.min(1, video.volume + 0.1);
    else if (k === 'ArrowDown') video.volume = Math.max(0, video.volume - 0.1);
    else if (k === 'm' || k === 'M') video.muted = !video.muted;
    else if (k === 'c' || k === 'C') {
      if (chosenSub) chooseSub(null, true);
      else chooseSub(defaultSub('original-subs', null), true);
    } else if (k === '[') setOffset(offset - 0.1);
    else if (k === ']') setOffset(offset + 0.1);
    else if (k === 'f' || k === 'F') {
      if (document.fullscreenElement) void document.exitFullscreen();
      else if (video.requestFullscreen) void video.requestFullscreen();
    } else handled = false;
    if (handled) e.preventDefault();
  });

  // ---- start ------------------------------------------------------------------------------------
  chosenSub = defaultSub(preference, currentAudio);
  subSelect.value = chosenSub ? String(chosenSub.id) : 'off';
  applyAudio(currentAudio, false);
  window.kinotekaPlayer = {
    hls: hls,
    track: ownTrack,
    get audio() {
      return currentAudio;
    },
    get subtitle() {
      return shownSub;
    },
    get offset() {
      return offset;
    },
  };
})();
