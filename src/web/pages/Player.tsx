import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { urls } from '../../presenters/index.ts';
import { type PlaybackDto, mediaUrls } from '../../presenters/media.ts';

export const playerAssets = { css: '0', js: '0' };

/**
 * The player: a native <video> (its controls are the browser's, reachable by keyboard and
 * announced by screen readers) with menus for audio, subtitles, the viewer's preferred way of
 * watching, subtitle offset and caption style. player.js plays HLS through hls.js (served from
 * here) and draws subtitles from WebVTT into a text track it builds, so an offset shifts the
 * cues themselves and survives seeks. Without JavaScript a direct-play file still plays with
 * its subtitle tracks.
 */
export const PlayerPage: FC<{ p: PlaybackDto; demo: boolean }> = ({ p, demo }) => {
  const json = JSON.stringify(p).replace(/</g, '\\u003c');
  return (
    <article class="player-page">
      <link rel="stylesheet" href={`/assets/player.css?v=${playerAssets.css}`} />
      <p class="eyebrow">
        <a href={urls.film(p.film.slug)}>
          {p.film.title} ({p.film.year})
        </a>
      </p>
      <h1>Watch {p.film.title}</h1>
      {demo ? <p class="notice">Demo media: a generated test card, not the film.</p> : null}
      <div class="player-frame">
        <video
          id="player"
          controls
          preload="metadata"
          playsinline
          aria-label={`${p.film.title} (${p.film.year})`}
          aria-describedby="player-keys"
          class="cue-size-m cue-bg-box"
        >
          {p.mode === 'direct' ? <source src={p.src} /> : null}
          {p.mode === 'direct'
            ? p.subtitles.map((t) => (
                <track
                  kind="subtitles"
                  src={t.url}
                  srclang={t.language ?? undefined}
                  label={t.label}
                />
              ))
            : null}
        </video>
      </div>
      <p id="player-status" class="player-status" role="status" aria-live="polite"></p>
      <form class="player-controls" id="player-controls" aria-label="Playback options">
        <div class="control">
          <label for="audio-select">Audio</label>
          <select id="audio-select" name="audio">
            {p.audio.map((a) => (
              <option value={a.id} selected={a.default}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div class="control">
          <label for="subtitle-select">Subtitles</label>
          <select id="subtitle-select" name="subtitles">
            <option value="off">Off</option>
            {p.subtitles.map((t) => (
              <option value={String(t.id)} lang={t.language ?? undefined}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div class="control">
          <label for="preference-select">I prefer</label>
          <select id="preference-select" name="preference">
            <option value="original-subs">Original audio with English subtitles</option>
            <option value="dub">English dub</option>
            <option value="voice-over">Voice-over</option>
          </select>
        </div>
        <fieldset class="control offset">
          <legend>Subtitle timing</legend>
          <button type="button" id="offset-earlier">
            −0.1 s<span class="visually-hidden"> (subtitles earlier)</span>
          </button>
          <output id="offset-value" for="offset-earlier offset-later" aria-live="polite">
            0.0 s
          </output>
          <button type="button" id="offset-later">
            +0.1 s<span class="visually-hidden"> (subtitles later)</span>
          </button>
          <button type="button" id="offset-reset">
            Reset
          </button>
        </fieldset>
        <div class="control">
          <label for="caption-size">Caption size</label>
          <select id="caption-size" name="size">
            <option value="s">Small</option>
            <option value="m" selected>
              Medium
            </option>
            <option value="l">Large</option>
            <option value="xl">Extra large</option>
          </select>
        </div>
        <div class="control">
          <label for="caption-background">Caption background</label>
          <select id="caption-background" name="background">
            <option value="box" selected>
              Black box
            </option>
            <option value="shade">Translucent</option>
            <option value="none">None (outlined text)</option>
          </select>
        </div>
      </form>
      <p id="resume" class="resume" hidden>
        <span id="resume-text"></span>{' '}
        <button type="button" id="resume-restart">
          Start from the beginning
        </button>
      </p>
      <details id="player-keys" class="player-keys">
        <summary>Keyboard</summary>
        <p>
          Space or K: play or pause · ← →: 5 seconds back or on · J L: 10 seconds · ↑ ↓: volume · M:
          mute · C: subtitles on or off · [ ]: subtitles 0.1 s earlier or later · F: full screen
        </p>
      </details>
      <script type="application/json" id="playback-data">
        {raw(json)}
      </script>
      {p.mode === 'hls' ? <script src={mediaUrls.hlsScript()} defer></script> : null}
      <script src={`${mediaUrls.playerScript()}?v=${playerAssets.js}`} defer></script>
    </article>
  );
};
