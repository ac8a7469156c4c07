import { describe, expect, it } from 'vitest';
import { maskContact, maskEmail, maskName, maskPhone } from '../../../src-shared/personal-data';

describe('reporter contact masking', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['+86 138-1234-1234', '138****1234'],
    ['010-65123456', '010****3456'],
    ['1234567', '123****4567'],
    ['123456', '****56'],
    ['12', '*2'],
    ['7', '*'],
    ['', ''],
    ['no digits', ''],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '李*'],
    ['  Li Wei ', 'L*****'],
    ['', ''],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('masks an e-mail address but keeps its domain', () => {
    expect(maskEmail('wang.wei@example.com')).toBe('w***@example.com');
    expect(maskEmail('not-an-address')).toBe('n*************');
    expect(maskEmail('@example.com')).toBe('@***********');
  });

  it('masks every part of a contact and drops the empty ones', () => {
    expect(maskContact({ name: '张三', phone: '13812341234', email: 'a@b.cn', source: 'hotline-12345' })).toEqual({
      name: '张*',
      phone: '138****1234',
      email: 'a***@b.cn',
      source: 'hotline-12345',
    });
    expect(maskContact({ source: 'open311' })).toEqual({ source: 'open311' });
  });
});
