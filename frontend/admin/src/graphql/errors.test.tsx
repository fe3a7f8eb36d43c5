import { act, render } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError, networkErrorCode } from './client';
import { applyFieldErrors, describeError, errorLine, fieldPath } from './errors';

const t = ((key: string, opts?: Record<string, string>) => (opts?.id ? `${key}:${opts.id}` : key)) as unknown as TFunction;

function renderForm(): FormInstance {
  let form!: FormInstance;
  function TestForm() {
    [form] = Form.useForm();
    return (
      <Form form={form}>
        <Form.Item name="address">
          <Input />
        </Form.Item>
        <Form.Item name={['rates', 0, 'price']}>
          <Input />
        </Form.Item>
      </Form>
    );
  }
  render(<TestForm />);
  return form;
}

const err = (...errors: { message: string; field?: string; code?: string }[]) =>
  new ApiError(
    errors.map((e) => ({ message: e.message, extensions: { code: e.code ?? 'INVALID_INPUT', field: e.field, requestId: 'req-1' } })),
    200,
  );

describe('fieldPath', () => {
  it('splits dots and indexes', () => {
    expect(fieldPath('input.rates[0].price')).toEqual(['input', 'rates', 0, 'price']);
    expect(fieldPath('address')).toEqual(['address']);
  });
});

describe('applyFieldErrors', () => {
  it('puts an error under the field it names and returns the rest', () => {
    const form = renderForm();
    let rest: ReturnType<typeof applyFieldErrors> = [];
    act(() => {
      rest = applyFieldErrors(form, err({ message: 'address must be 12 digits', field: 'address' }, { message: 'duplicate key', code: 'CONFLICT' }));
    });
    expect(form.getFieldError('address')).toEqual(['address must be 12 digits']);
    expect(rest.map((e) => e.message)).toEqual(['duplicate key']);
  });

  it('matches a nested path, or the last name of a path the form does not have', () => {
    const form = renderForm();
    let rest: ReturnType<typeof applyFieldErrors> = [];
    act(() => {
      rest = applyFieldErrors(form, err({ message: 'too high', field: 'rates[0].price' }, { message: 'bad', field: 'input.address' }));
    });
    expect(form.getFieldError(['rates', 0, 'price'])).toEqual(['too high']);
    expect(form.getFieldError('address')).toEqual(['bad']);
    expect(rest).toEqual([]);
  });

  it('keeps errors for fields the form does not show', () => {
    const form = renderForm();
    let rest: ReturnType<typeof applyFieldErrors> = [];
    act(() => {
      rest = applyFieldErrors(form, err({ message: 'bad key', field: 'idempotencyKey' }));
    });
    expect(rest.map((e) => e.extensions?.field)).toEqual(['idempotencyKey']);
  });
});

describe('describeError', () => {
  it('gives the server message and request id', () => {
    const d = describeError(t, err({ message: 'wrong username or password', code: 'UNAUTHENTICATED' }));
    expect(d).toEqual({ summary: 'wrong username or password', requestId: 'req-1' });
    expect(errorLine(t, d)).toBe('wrong username or password · error.requestId:req-1');
  });

  it('explains transport failures in the operator language', () => {
    const d = describeError(t, new ApiError([{ message: 'TypeError: Failed to fetch', extensions: { code: networkErrorCode } }], 0));
    expect(d.summary).toBe('error.network');
  });

  it('never shows an internal message', () => {
    const d = describeError(t, err({ message: 'internal error (request req-1)', code: 'INTERNAL' }));
    expect(d).toEqual({ summary: 'error.internal', requestId: 'req-1' });
  });

  it('wraps anything thrown', () => {
    expect(describeError(t, new Error('boom')).summary).toBe('boom');
  });
});
