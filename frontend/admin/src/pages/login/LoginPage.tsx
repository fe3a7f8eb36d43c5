import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { LoginState } from '../../app/sessionLost';
import { loginMutation, meKey, rememberSignedIn, safeFrom } from '../../auth/session';
import { request } from '../../graphql/client';
import { closeSocket } from '../../graphql/ws';
import { applyFieldErrors, describeError, type ErrorDescription } from '../../graphql/errors';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

/**
 * Sign-in for the property office. The server answers with an HTTP-only session cookie, so
 * the page never holds a token; afterwards it returns to the page that asked for login.
 */
export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Credentials>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const from = params.get('from');
  const sessionEnded = (useLocation().state as LoginState | null)?.sessionEnded;

  // Nothing the previous session saw stays in memory for the next person at this desk.
  useEffect(() => {
    closeSocket();
    queries.removeQueries();
  }, [queries]);
  // What the server said, unless the form placed it next to a field.
  const [failure, setFailure] = useState<ErrorDescription>();

  const login = useMutation({
    mutationFn: (v: Credentials) => request(loginMutation, v),
    onSuccess: (data) => {
      queries.setQueryData(meKey, data.login.principal);
      rememberSignedIn(true);
      void navigate(safeFrom(from), { replace: true });
    },
    onError: (err) => {
      const rest = applyFieldErrors(form, err);
      setFailure(rest.length ? describeError(t, err, rest) : undefined);
    },
  });

  const submit = (v: Credentials) => {
    setFailure(undefined);
    login.mutate(v);
  };

  return (
    <div className="vp-login">
      <div className="vp-login-tools">
        <LanguageSwitch />
      </div>
      <div className="vp-login-brand">
        <img src="/favicon.svg" alt="" />
        <h1>{t('app.title')}</h1>
      </div>
      <div className="vp-login-tagline">{t('app.tagline')}</div>
      <Card className="vp-login-card" title={t('login.heading')} variant="borderless">
        {(sessionEnded || from) && (
          <Alert
            type={sessionEnded ? 'warning' : 'info'}
            showIcon
            message={t(sessionEnded ? 'login.sessionEnded' : 'login.continueHint')}
            style={{ marginBottom: 20 }}
          />
        )}
        {failure && (
          <Alert
            type="error"
            showIcon
            data-testid="login-error"
            message={t('login.failed')}
            description={
              <>
                <div>{failure.summary}</div>
                {failure.requestId && (
                  <div className="vp-secondary">{t('error.requestId', { id: failure.requestId })}</div>
                )}
              </>
            }
            style={{ marginBottom: 20 }}
          />
        )}
        <Form<Credentials> form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <div className="vp-login-footer">{t('login.footer')}</div>
    </div>
  );
}
