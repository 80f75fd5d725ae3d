/** Rendering a page: its content inside the site's frame, as a whole HTML document. */
import type { Child } from 'hono/jsx';
import { Layout, type Meta } from './components/Layout.tsx';
import { ErrorPage } from './pages/Lists.tsx';

export type Renderer = (
  meta: Omit<Meta, 'publicUrl'>,
  body: Child,
  query?: string,
) => Promise<string>;

/**
 * `banner` is asked on every render for what goes above the page's content (the admin's
 * broken-content banner); it reads the request from the context storage, or returns nothing.
 */
export function createRenderer(publicUrl: string, banner: () => Child = () => null): Renderer {
  return async (meta, body, query) =>
    `<!DOCTYPE html>${await (
      <Layout meta={{ ...meta, publicUrl }} query={query} banner={banner()}>
        {body}
      </Layout>
    ).toString()}`;
}

export async function renderErrorPage(
  render: Renderer,
  status: number,
  message: string,
): Promise<string> {
  return render(
    {
      title: status === 404 ? 'Not found' : 'Error',
      description: message,
      path: '/',
      noindex: true,
    },
    <ErrorPage status={status} message={message} />,
  );
}
